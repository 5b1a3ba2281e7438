-- Representatives' outreach to the wider community, and where it was fed
-- back to the group.

-- +goose Up
CREATE TABLE outreach (
    id          BIGINT PRIMARY KEY,
    group_id    BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    member_id   BIGINT NOT NULL REFERENCES members (id),
    on_day      TIMESTAMP NOT NULL,
    method      TEXT NOT NULL,
    people      INTEGER NOT NULL,
    themes      TEXT NOT NULL,
    notes       TEXT NOT NULL DEFAULT '',
    fed_back_at BIGINT NULL REFERENCES meetings (id),
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX outreach_group ON outreach (group_id, on_day);

-- +goose Down
DROP TABLE outreach;
