-- Each skills rating keeps the side its member was on when they gave it,
-- so results stay as they were shown if the member later changes sides.

-- +goose Up
ALTER TABLE skills_ratings ADD COLUMN constituency TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE skills_ratings DROP COLUMN constituency;
