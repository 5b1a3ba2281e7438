-- Where the project stands (stage, milestones and how their dates moved,
-- risks and opportunities) and the group's meetings with their agendas.

-- +goose Up
CREATE TABLE project_context (
    group_id      BIGINT PRIMARY KEY REFERENCES steering_groups (id) ON DELETE CASCADE,
    phases        TEXT NOT NULL DEFAULT '',   -- the group's own phases, one per line; '' for the RIBA stages
    current_stage INTEGER NOT NULL DEFAULT 0,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE milestones (
    id         BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    due        TIMESTAMP NOT NULL,
    done_at    TIMESTAMP NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX milestones_group ON milestones (group_id, due);

CREATE TABLE milestone_changes (
    id           BIGINT PRIMARY KEY,
    milestone_id BIGINT NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
    old_due      TIMESTAMP NOT NULL,
    new_due      TIMESTAMP NOT NULL,
    reason       TEXT NOT NULL,
    changed_by   BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    changed_at   TIMESTAMP NOT NULL
);
CREATE INDEX milestone_changes_milestone ON milestone_changes (milestone_id, changed_at);

CREATE TABLE risks (
    id          BIGINT PRIMARY KEY,
    group_id    BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('risk', 'opportunity')),
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    closed_at   TIMESTAMP NULL
);
CREATE INDEX risks_group ON risks (group_id);

CREATE TABLE meetings (
    id             BIGINT PRIMARY KEY,
    group_id       BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    starts_at      TIMESTAMP NOT NULL,
    minutes        INTEGER NOT NULL,
    venue          TEXT NOT NULL DEFAULT '',
    online_link    TEXT NOT NULL DEFAULT '',
    host_member_id BIGINT NULL REFERENCES members (id),
    access_notes   TEXT NOT NULL DEFAULT '',
    visibility     TEXT NOT NULL CHECK (visibility IN ('public', 'group')),
    created_at     TIMESTAMP NOT NULL,
    cancelled_at   TIMESTAMP NULL
);
CREATE INDEX meetings_group ON meetings (group_id, starts_at);

CREATE TABLE agenda_items (
    id                    BIGINT PRIMARY KEY,
    meeting_id            BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position              INTEGER NOT NULL,
    kind                  TEXT NOT NULL CHECK (kind IN ('check-in', 'recap', 'proposed', 'questions', 'problems')),
    title                 TEXT NOT NULL DEFAULT '',
    description           TEXT NOT NULL DEFAULT '',
    proposer_member_id    BIGINT NULL REFERENCES members (id),
    proposer_constituency TEXT NOT NULL DEFAULT '',
    created_at            TIMESTAMP NOT NULL
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

-- +goose Down
DROP TABLE agenda_items;
DROP TABLE meetings;
DROP TABLE risks;
DROP TABLE milestone_changes;
DROP TABLE milestones;
DROP TABLE project_context;
