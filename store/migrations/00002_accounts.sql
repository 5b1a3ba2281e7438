-- People's accounts, their sessions, the one-time links that sign them in
-- or reset a password, the rate limits on asking for those, and the outbox
-- that email leaves through. Secrets (session ids, link tokens) are stored
-- only as SHA-256 hashes, so a copy of the database cannot be used to sign
-- in as anyone.

-- +goose Up
CREATE TABLE users (
    id            BIGINT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,            -- normalised: trimmed, lower case
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',        -- '' when the person signs in by link only
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE,  -- administers this installation
    disabled_at   TIMESTAMP NULL,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,               -- the absolute limit
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL CHECK (purpose IN ('signin', 'reset', 'setup', 'email')),
    -- NULL for a request naming an address with no account: the row is
    -- written all the same, so both cases do the same work, but it can
    -- never be redeemed.
    user_id    BIGINT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP NULL,
    new_email  TEXT NOT NULL DEFAULT ''               -- for 'email': the address to change to
);
CREATE INDEX login_tokens_user ON login_tokens (user_id, purpose);

CREATE TABLE rate_limits (
    bucket       TEXT NOT NULL,                    -- what is limited, e.g. 'signin-ip:192.0.2.1'
    window_start TIMESTAMP NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

CREATE TABLE outbox (
    id           BIGINT PRIMARY KEY,
    to_address   TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body_text    TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    send_after   TIMESTAMP NOT NULL,               -- moved on by each failed attempt
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    locked_until TIMESTAMP NULL,                   -- a worker's lease on the message
    sent_at      TIMESTAMP NULL,
    failed_at    TIMESTAMP NULL                    -- given up after too many attempts
);
CREATE INDEX outbox_due ON outbox (sent_at, failed_at, send_after);

-- +goose Down
DROP TABLE outbox;
DROP TABLE rate_limits;
DROP TABLE login_tokens;
DROP TABLE sessions;
DROP TABLE users;
