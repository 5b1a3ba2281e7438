-- The organisation's governance map, and the accountability checks that
-- go with matters a group sends up to a body on it. A check keeps the
-- evidence from the group's records as it was when the check was made
-- (JSON), so it shows what the body was told even if the records change.

-- +goose Up
CREATE TABLE governance_bodies (
    id              BIGINT PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    reports_to      BIGINT NULL REFERENCES governance_bodies (id),
    decides         TEXT NOT NULL,
    reach           TEXT NOT NULL CHECK (reach IN ('yes', 'partly', 'no')),
    reach_note      TEXT NOT NULL,
    group_id        BIGINT NULL REFERENCES steering_groups (id) ON DELETE SET NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX governance_bodies_organisation ON governance_bodies (organisation_id, created_at);
-- A group has one place on the map.
CREATE UNIQUE INDEX governance_bodies_group ON governance_bodies (group_id) WHERE group_id IS NOT NULL;

CREATE TABLE accountability_checks (
    id           BIGINT PRIMARY KEY,
    group_id     BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    decision_id  BIGINT NOT NULL REFERENCES decisions (id),
    body_id      BIGINT NOT NULL REFERENCES governance_bodies (id),
    coproduced   TEXT NOT NULL CHECK (coproduced IN ('yes', 'partly', 'no')),
    rung         INTEGER NOT NULL,
    statement    TEXT NOT NULL,
    evidence     TEXT NOT NULL,
    sent_on      TIMESTAMP NOT NULL,
    sent_by      BIGINT NOT NULL REFERENCES members (id),
    created_at   TIMESTAMP NOT NULL,
    outcome      TEXT NOT NULL,
    response     TEXT NOT NULL,
    responded_on TIMESTAMP NULL,
    recorded_by  BIGINT NULL REFERENCES members (id)
);
CREATE INDEX accountability_checks_group ON accountability_checks (group_id, sent_on);

-- +goose Down
DROP TABLE accountability_checks;
DROP TABLE governance_bodies;
