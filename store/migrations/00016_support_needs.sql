-- What members need in order to take part, and whether it has been met.
-- Seen only by the member and the group's chair or facilitator.

-- +goose Up
CREATE TABLE support_needs (
    id         BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    member_id  BIGINT NOT NULL REFERENCES members (id),
    kind       TEXT NOT NULL,
    details    TEXT NOT NULL DEFAULT '',
    met_at     TIMESTAMP NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX support_needs_group ON support_needs (group_id, member_id);

-- +goose Down
DROP TABLE support_needs;
