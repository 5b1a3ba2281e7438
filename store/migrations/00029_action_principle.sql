-- An action adopted from the health check names the principle it serves,
-- so the next report can say which were done.

-- +goose Up
ALTER TABLE actions ADD COLUMN principle INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE actions DROP COLUMN principle;
