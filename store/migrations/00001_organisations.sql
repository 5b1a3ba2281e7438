-- Organisations and their steering groups: the first records everything
-- else hangs from. Ids are made by the application (see coproduce.NewID), so
-- the same DDL runs on SQLite and PostgreSQL. Times are UTC.

-- +goose Up
CREATE TABLE organisations (
    id         BIGINT PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE steering_groups (
    id              BIGINT PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    slug            TEXT NOT NULL,
    name            TEXT NOT NULL,
    area            TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (organisation_id, slug)
);

-- +goose Down
DROP TABLE steering_groups;
DROP TABLE organisations;
