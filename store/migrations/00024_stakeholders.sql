-- Stakeholder and power maps: the stakeholders of each phase of a
-- group's project. Each phase keeps its own rows, so maps can be
-- compared across phases.

-- +goose Up
CREATE TABLE stakeholders (
    id          BIGINT PRIMARY KEY,
    group_id    BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    phase       INTEGER NOT NULL,
    phase_name  TEXT NOT NULL,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    influence   INTEGER NOT NULL,
    affected    INTEGER NOT NULL,
    represented BOOLEAN NOT NULL,
    added_at    TIMESTAMP NOT NULL
);
CREATE INDEX stakeholders_group ON stakeholders (group_id, phase);

-- +goose Down
DROP TABLE stakeholders;
