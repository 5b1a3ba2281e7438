-- Red lines and constraints, and every change to them with its reason.

-- +goose Up
CREATE TABLE red_lines (
    id         BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('red-line', 'constraint')),
    title      TEXT NOT NULL,
    owner      TEXT NOT NULL,
    reason     TEXT NOT NULL,
    raised_on  TIMESTAMP NOT NULL,
    review_by  TIMESTAMP NOT NULL,
    retired_at TIMESTAMP NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX red_lines_group ON red_lines (group_id);

CREATE TABLE red_line_changes (
    id          BIGINT PRIMARY KEY,
    red_line_id BIGINT NOT NULL REFERENCES red_lines (id) ON DELETE CASCADE,
    what        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    changed_by  BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    changed_at  TIMESTAMP NOT NULL
);
CREATE INDEX red_line_changes_line ON red_line_changes (red_line_id, changed_at);

-- +goose Down
DROP TABLE red_line_changes;
DROP TABLE red_lines;
