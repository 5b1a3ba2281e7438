-- Updates in a group's feed: from the wider organisation, and regular
-- updates from any member.

-- +goose Up
CREATE TABLE updates (
    id        BIGINT PRIMARY KEY,
    group_id  BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES members (id),
    kind      TEXT NOT NULL,
    title     TEXT NOT NULL,
    body      TEXT NOT NULL,
    posted_at TIMESTAMP NOT NULL
);
CREATE INDEX updates_group ON updates (group_id, posted_at);

-- +goose Down
DROP TABLE updates;
