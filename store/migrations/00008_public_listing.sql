-- Whether a member agreed to have their name and role shown on the group's
-- public page. Nobody is listed until they say so.

-- +goose Up
ALTER TABLE members ADD COLUMN listed_publicly BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE members DROP COLUMN listed_publicly;
