-- Perception rounds of the health check. Who has answered
-- (health_participants) is kept apart from what was answered
-- (health_ballots); neither has a time, and the store rewrites both in a
-- random order at every answer, so the order rows are stored in says
-- nothing about who answered when.

-- +goose Up
CREATE TABLE health_rounds (
    id         BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    opens_on   TIMESTAMP NOT NULL,
    closes_on  TIMESTAMP NOT NULL,
    min_cell   INTEGER NOT NULL,
    statements TEXT NOT NULL,
    area_ids   TEXT NOT NULL,
    opened_by  BIGINT NOT NULL REFERENCES members (id),
    closed_at  TIMESTAMP NULL
);
CREATE INDEX health_rounds_group ON health_rounds (group_id, opens_on);

CREATE TABLE health_participants (
    round_id  BIGINT NOT NULL REFERENCES health_rounds (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    PRIMARY KEY (round_id, member_id)
);

CREATE TABLE health_ballots (
    id           BIGINT PRIMARY KEY,
    round_id     BIGINT NOT NULL REFERENCES health_rounds (id) ON DELETE CASCADE,
    constituency TEXT NOT NULL,
    answers      TEXT NOT NULL
);
CREATE INDEX health_ballots_round ON health_ballots (round_id);

-- +goose Down
DROP TABLE health_ballots;
DROP TABLE health_participants;
DROP TABLE health_rounds;
