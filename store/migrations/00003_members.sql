-- Who belongs where: organisation administrators, the members of each
-- group over time, invitations to join, and the group's audit trail.

-- +goose Up
ALTER TABLE steering_groups ADD COLUMN description TEXT NOT NULL DEFAULT '';

CREATE TABLE organisation_admins (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);

CREATE TABLE members (
    id               BIGINT PRIMARY KEY,
    group_id         BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    -- NULL once the person erased their account: the membership stays, so
    -- the group's history stays whole, and shows a former member.
    user_id          BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    constituency     TEXT NOT NULL CHECK (constituency IN ('residents', 'organisation', 'independent')),
    role             TEXT NOT NULL CHECK (role IN ('chair', 'facilitator', 'resident-rep', 'organisation-rep', 'adviser', 'observer')),
    role_description TEXT NOT NULL DEFAULT '',
    joined_at        TIMESTAMP NOT NULL,
    left_at          TIMESTAMP NULL,
    selection_method TEXT NOT NULL DEFAULT '',
    selected_at      TIMESTAMP NULL,
    selection_notes  TEXT NOT NULL DEFAULT '',
    inducted_at      TIMESTAMP NULL,
    inducted_by_resident_id     BIGINT NULL REFERENCES members (id),
    inducted_by_organisation_id BIGINT NULL REFERENCES members (id),
    induction_notes  TEXT NOT NULL DEFAULT '',
    handover_note    TEXT NOT NULL DEFAULT '',
    precepts_acknowledged_at TIMESTAMP NULL,
    -- Who added and who removed the member, and why (user ids).
    added_by         BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    added_reason     TEXT NOT NULL DEFAULT '',
    removed_by       BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    removed_reason   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX members_group ON members (group_id);
CREATE INDEX members_user ON members (user_id);
-- A person is a current member of a group at most once.
CREATE UNIQUE INDEX members_current ON members (group_id, user_id) WHERE left_at IS NULL;

CREATE TABLE invitations (
    id           BIGINT PRIMARY KEY,
    group_id     BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    email        TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    constituency TEXT NOT NULL,
    role         TEXT NOT NULL,
    reason       TEXT NOT NULL,
    invited_by   BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    accepted_at  TIMESTAMP NULL,
    revoked_at   TIMESTAMP NULL
);
CREATE INDEX invitations_group ON invitations (group_id);

-- The audit trail: one hash chain per group. Each entry's hash covers its
-- fields and the hash of the entry before, so changing or removing an entry
-- breaks every hash after it. Entries name people by id only, never by
-- name, so that erasing a person's account leaves the chain whole.
CREATE TABLE audit_log (
    group_id  BIGINT NOT NULL REFERENCES steering_groups (id),
    seq       BIGINT NOT NULL,
    at        TIMESTAMP NOT NULL,
    actor_id  BIGINT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    summary   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL,
    PRIMARY KEY (group_id, seq)
);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE invitations;
DROP TABLE members;
DROP TABLE organisation_admins;
ALTER TABLE steering_groups DROP COLUMN description;
