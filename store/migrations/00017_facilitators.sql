-- External facilitators and mediators, and which members approved each.

-- +goose Up
CREATE TABLE facilitators (
    id          BIGINT PRIMARY KEY,
    group_id    BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    offers      TEXT NOT NULL,
    contact     TEXT NOT NULL DEFAULT '',
    proposed_by BIGINT NOT NULL REFERENCES members (id),
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX facilitators_group ON facilitators (group_id);

CREATE TABLE facilitator_approvals (
    facilitator_id BIGINT NOT NULL REFERENCES facilitators (id) ON DELETE CASCADE,
    member_id      BIGINT NOT NULL REFERENCES members (id),
    constituency   TEXT NOT NULL,
    approved_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (facilitator_id, member_id)
);

-- +goose Down
DROP TABLE facilitator_approvals;
DROP TABLE facilitators;
