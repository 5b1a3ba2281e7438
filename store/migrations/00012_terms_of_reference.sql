-- Versions of each group's terms of reference, their sections, and the
-- members who agreed to a proposed version.

-- +goose Up
CREATE TABLE tor_versions (
    id         BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'adopted', 'superseded')),
    created_at TIMESTAMP NOT NULL,
    adopted_at TIMESTAMP NULL,
    UNIQUE (group_id, number)
);

CREATE TABLE tor_sections (
    version_id BIGINT NOT NULL REFERENCES tor_versions (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (version_id, key)
);

CREATE TABLE tor_agreements (
    version_id   BIGINT NOT NULL REFERENCES tor_versions (id) ON DELETE CASCADE,
    member_id    BIGINT NOT NULL REFERENCES members (id),
    constituency TEXT NOT NULL,
    agreed_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (version_id, member_id)
);

-- +goose Down
DROP TABLE tor_agreements;
DROP TABLE tor_sections;
DROP TABLE tor_versions;
