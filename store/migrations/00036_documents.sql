-- Documents a group keeps in versions: its theory of change, its three
-- horizons, and documents started from the library's templates. A
-- version is never changed; saving adds the next one. Its content is
-- JSON (Markdown body, or sections and outcomes), read whole.

-- +goose Up
CREATE TABLE documents (
    id         BIGINT PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('theory-of-change', 'three-horizons', 'template')),
    template   TEXT NOT NULL,
    title      TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'group')),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX documents_group ON documents (group_id, created_at);
-- One theory of change and one set of three horizons per group.
CREATE UNIQUE INDEX documents_one_per_kind ON documents (group_id, kind) WHERE kind <> 'template';

CREATE TABLE document_versions (
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    content     TEXT NOT NULL,
    note        TEXT NOT NULL,
    saved_by    BIGINT NOT NULL REFERENCES members (id),
    saved_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (document_id, number)
);

-- +goose Down
DROP TABLE document_versions;
DROP TABLE documents;
