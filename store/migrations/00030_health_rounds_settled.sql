-- When a round has closed and settled, answered holds how many answered
-- and the list of who answered is deleted; opened_at orders rounds that
-- start on the same day.

-- +goose Up
ALTER TABLE health_rounds ADD COLUMN answered INTEGER NULL;
ALTER TABLE health_rounds ADD COLUMN opened_at TIMESTAMP NULL;
UPDATE health_rounds SET opened_at = opens_on;

-- +goose Down
ALTER TABLE health_rounds DROP COLUMN opened_at;
ALTER TABLE health_rounds DROP COLUMN answered;
