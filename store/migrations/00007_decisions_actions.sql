-- The decisions log, the decision areas with their agreed rung of the
-- ladder of participation, and the group's actions.

-- +goose Up
CREATE TABLE decision_areas (
    id         BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    rung       INTEGER NOT NULL CHECK (rung BETWEEN 1 AND 8),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX decision_areas_group ON decision_areas (group_id);

CREATE TABLE decisions (
    id           BIGINT PRIMARY KEY,
    group_id     BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    context      TEXT NOT NULL DEFAULT '',
    options      TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('consensus', 'vote', 'delegated')),
    decided_on   TIMESTAMP NOT NULL,
    meeting_id   BIGINT NULL REFERENCES meetings (id),
    outside      BOOLEAN NOT NULL,
    explanation  TEXT NOT NULL DEFAULT '',
    explained_on TIMESTAMP NULL,
    area_id      BIGINT NULL REFERENCES decision_areas (id),
    dissent      TEXT NOT NULL DEFAULT '',
    published    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMP NOT NULL,
    -- Made at a meeting, or outside the process: never both, never neither.
    CHECK ((outside AND meeting_id IS NULL) OR (NOT outside AND meeting_id IS NOT NULL))
);
CREATE INDEX decisions_group ON decisions (group_id, decided_on);

CREATE TABLE decision_positions (
    decision_id  BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    constituency TEXT NOT NULL CHECK (constituency IN ('residents', 'organisation', 'independent')),
    position     TEXT NOT NULL CHECK (position IN ('agreed', 'disagreed', 'mixed', 'not-consulted')),
    PRIMARY KEY (decision_id, constituency)
);

CREATE TABLE actions (
    id              BIGINT PRIMARY KEY,
    group_id        BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    owner_member_id BIGINT NULL REFERENCES members (id),
    due             TIMESTAMP NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    meeting_id      BIGINT NULL REFERENCES meetings (id),
    decision_id     BIGINT NULL REFERENCES decisions (id),
    created_at      TIMESTAMP NOT NULL,
    closed_at       TIMESTAMP NULL
);
CREATE INDEX actions_group ON actions (group_id, status, due);

-- +goose Down
DROP TABLE actions;
DROP TABLE decision_positions;
DROP TABLE decisions;
DROP TABLE decision_areas;
