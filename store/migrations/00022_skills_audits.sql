-- Skills audits: rounds in which members rate themselves on topics the
-- group chose, and the ratings. A member's ratings are seen only by them
-- and by the group's chair or facilitator.

-- +goose Up
CREATE TABLE skills_audits (
    id        BIGINT PRIMARY KEY,
    group_id  BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    topics    TEXT NOT NULL,
    opened_by BIGINT NOT NULL REFERENCES members (id),
    opened_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP NULL
);
CREATE INDEX skills_audits_group ON skills_audits (group_id, opened_at);

CREATE TABLE skills_ratings (
    audit_id  BIGINT NOT NULL REFERENCES skills_audits (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    topic     TEXT NOT NULL,
    level     INTEGER NOT NULL,
    PRIMARY KEY (audit_id, member_id, topic)
);

-- +goose Down
DROP TABLE skills_ratings;
DROP TABLE skills_audits;
