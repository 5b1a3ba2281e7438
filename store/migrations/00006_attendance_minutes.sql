-- Who came to each meeting, and its minutes with their lifecycle and the
-- corrections members sent in.

-- +goose Up
CREATE TABLE attendance (
    meeting_id  BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    member_id   BIGINT NOT NULL REFERENCES members (id),
    status      TEXT NOT NULL CHECK (status IN ('present', 'apologies', 'absent')),
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE minutes (
    meeting_id           BIGINT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    body                 TEXT NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('draft', 'circulated', 'corrections', 'approved')),
    visibility           TEXT NOT NULL CHECK (visibility IN ('public', 'group')),
    updated_at           TIMESTAMP NOT NULL,
    circulated_at        TIMESTAMP NULL,
    approved_at          TIMESTAMP NULL,
    approved_at_meeting  BIGINT NULL REFERENCES meetings (id)
);

CREATE TABLE minutes_corrections (
    id         BIGINT PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES minutes (meeting_id) ON DELETE CASCADE,
    member_id  BIGINT NOT NULL REFERENCES members (id),
    text       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX minutes_corrections_meeting ON minutes_corrections (meeting_id, created_at);

-- +goose Down
DROP TABLE minutes_corrections;
DROP TABLE minutes;
DROP TABLE attendance;
