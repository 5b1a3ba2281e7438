-- Papers for meetings: the file, who may see it, and when it actually went
-- out, against the group's deadline of so many working days before.

-- +goose Up
ALTER TABLE steering_groups ADD COLUMN paper_deadline_days INTEGER NOT NULL DEFAULT 5;

CREATE TABLE papers (
    id                 BIGINT PRIMARY KEY,
    group_id           BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    meeting_id         BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    title              TEXT NOT NULL,
    summary            TEXT NOT NULL DEFAULT '',
    file_name          TEXT NOT NULL,
    content_type       TEXT NOT NULL,
    size               BIGINT NOT NULL,
    visibility         TEXT NOT NULL CHECK (visibility IN ('public', 'group', 'restricted')),
    restriction_reason TEXT NOT NULL DEFAULT '',
    uploaded_by        BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at        TIMESTAMP NOT NULL,
    circulated_at      TIMESTAMP NULL
);
CREATE INDEX papers_meeting ON papers (meeting_id);

-- The named members who may see a restricted paper.
CREATE TABLE paper_audience (
    paper_id  BIGINT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    PRIMARY KEY (paper_id, member_id)
);

-- File contents live in the database, so every instance can serve every
-- file and a backup of the database holds everything. BYTEA is
-- PostgreSQL's binary type; SQLite stores the bytes as given.
CREATE TABLE paper_files (
    paper_id BIGINT PRIMARY KEY REFERENCES papers (id) ON DELETE CASCADE,
    content  BYTEA NOT NULL
);

-- +goose Down
DROP TABLE paper_files;
DROP TABLE paper_audience;
DROP TABLE papers;
ALTER TABLE steering_groups DROP COLUMN paper_deadline_days;
