-- Members' spells of time out from the group.

-- +goose Up
CREATE TABLE time_out (
    id         BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    member_id  BIGINT NOT NULL REFERENCES members (id),
    from_day   TIMESTAMP NOT NULL,
    until_day  TIMESTAMP NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX time_out_group ON time_out (group_id, member_id);

-- +goose Down
DROP TABLE time_out;
