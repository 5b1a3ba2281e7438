-- Requests for information from members to the organisation or to a named
-- member, with when they were asked, due and answered, and what was
-- withheld and why.

-- +goose Up
ALTER TABLE steering_groups ADD COLUMN info_request_days INTEGER NOT NULL DEFAULT 20;

CREATE TABLE info_requests (
    id                 BIGINT PRIMARY KEY,
    group_id           BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    asked_by           BIGINT NOT NULL REFERENCES members (id),
    asked_of_member_id BIGINT NULL REFERENCES members (id),
    question           TEXT NOT NULL,
    asked_at           TIMESTAMP NOT NULL,
    due_at             TIMESTAMP NOT NULL,
    answered_at        TIMESTAMP NULL,
    answered_by        BIGINT NULL REFERENCES members (id),
    answer             TEXT NOT NULL DEFAULT '',
    withheld           BOOLEAN NOT NULL DEFAULT FALSE,
    withheld_reason    TEXT NOT NULL DEFAULT '',
    CHECK (NOT withheld OR withheld_reason <> '')
);
CREATE INDEX info_requests_group ON info_requests (group_id, asked_at);

-- +goose Down
DROP TABLE info_requests;
ALTER TABLE steering_groups DROP COLUMN info_request_days;
