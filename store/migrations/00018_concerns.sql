-- The group's register of concerns and disagreements. raised_by is NULL
-- for a concern raised anonymously, and raised_on holds only the day, so
-- nothing here ties such a concern to a person.

-- +goose Up
CREATE TABLE concerns (
    id         BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    details    TEXT NOT NULL,
    raised_by  BIGINT NULL REFERENCES members (id),
    raised_on  TIMESTAMP NOT NULL,
    status     TEXT NOT NULL,
    meeting_id BIGINT NULL REFERENCES meetings (id),
    outcome    TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX concerns_group ON concerns (group_id, status);
CREATE INDEX concerns_meeting ON concerns (meeting_id);

-- +goose Down
DROP TABLE concerns;
