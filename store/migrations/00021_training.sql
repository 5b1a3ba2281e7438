-- Training sessions with who attended, and members' six-monthly
-- training reviews.

-- +goose Up
CREATE TABLE training_sessions (
    id          BIGINT PRIMARY KEY,
    group_id    BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    topic       TEXT NOT NULL,
    on_day      TIMESTAMP NOT NULL,
    induction   BOOLEAN NOT NULL DEFAULT FALSE,
    recorded_by BIGINT NOT NULL REFERENCES members (id),
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX training_sessions_group ON training_sessions (group_id, on_day);

CREATE TABLE training_attendance (
    session_id BIGINT NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
    member_id  BIGINT NOT NULL REFERENCES members (id),
    PRIMARY KEY (session_id, member_id)
);

CREATE TABLE training_reviews (
    id          BIGINT PRIMARY KEY,
    group_id    BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    member_id   BIGINT NOT NULL REFERENCES members (id),
    held_on     TIMESTAMP NOT NULL,
    agreed      TEXT NOT NULL,
    recorded_by BIGINT NOT NULL REFERENCES members (id),
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX training_reviews_group ON training_reviews (group_id, member_id, held_on);

-- +goose Down
DROP TABLE training_reviews;
DROP TABLE training_attendance;
DROP TABLE training_sessions;
