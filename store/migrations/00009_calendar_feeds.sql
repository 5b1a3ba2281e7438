-- Private calendar feeds: one unguessable address per person, listing the
-- meetings of all their groups. Only the token's hash is kept.

-- +goose Up
CREATE TABLE calendar_feeds (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE calendar_feeds;
