-- Email notifications and reminders: each person's choice per kind; every
-- notification made, keyed so it happens once whatever number of servers
-- look for it; one-click unsubscribe links; leases so a scheduled job runs
-- on one server at a time; and what the outbox needs for HTML, the
-- unsubscribe header and calendar attachments.

-- +goose Up
CREATE TABLE notification_prefs (
    user_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    delivery TEXT NOT NULL CHECK (delivery IN ('now', 'digest', 'off')),
    PRIMARY KEY (user_id, kind)
);

CREATE TABLE notifications (
    id           BIGINT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    dedupe_key   TEXT NOT NULL UNIQUE,
    group_name   TEXT NOT NULL,
    subject      TEXT NOT NULL,
    summary      TEXT NOT NULL,
    link         TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    delivery     TEXT NOT NULL CHECK (delivery IN ('now', 'digest', 'off')),
    delivered_at TIMESTAMP NULL -- sent at once, or in a digest; NULL while waiting for the digest
);
CREATE INDEX notifications_digest ON notifications (delivery, delivered_at, user_id);

CREATE TABLE unsubscribe_links (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL, -- a notification kind, or 'digest' for the weekly digest
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE job_leases (
    name   TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until  TIMESTAMP NOT NULL
);

ALTER TABLE outbox ADD COLUMN body_html TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN unsubscribe_url TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN attachment_name TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN attachment_type TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN attachment_data TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE outbox DROP COLUMN attachment_data;
ALTER TABLE outbox DROP COLUMN attachment_type;
ALTER TABLE outbox DROP COLUMN attachment_name;
ALTER TABLE outbox DROP COLUMN unsubscribe_url;
ALTER TABLE outbox DROP COLUMN body_html;
DROP TABLE job_leases;
DROP TABLE unsubscribe_links;
DROP TABLE notifications;
DROP TABLE notification_prefs;
