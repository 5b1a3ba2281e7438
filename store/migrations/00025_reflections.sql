-- The group's answers to reflection prompts, and officers' reflections
-- on how coproduction has affected their work.

-- +goose Up
CREATE TABLE reflections (
    id         BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    prompt     TEXT NOT NULL,
    author_id  BIGINT NOT NULL REFERENCES members (id),
    meeting_id BIGINT NULL REFERENCES meetings (id),
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX reflections_group ON reflections (group_id, prompt, created_at);

-- +goose Down
DROP TABLE reflections;
