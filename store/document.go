package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"coproduce"
)

// documentContent is how a version's content is kept: one JSON text,
// read and written whole.
type documentContent struct {
	Body     string              `json:"body,omitempty"`
	Sections map[string]string   `json:"sections,omitempty"`
	Outcomes []coproduce.Outcome `json:"outcomes,omitempty"`
}

// EncodeDocumentVersion is a version's content as it is stored, for the
// benchmark data generator, which writes rows without SaveDocument.
func EncodeDocumentVersion(v *coproduce.DocumentVersion) ([]byte, error) {
	return json.Marshal(documentContent{Body: v.Body, Sections: v.Sections, Outcomes: v.Outcomes})
}

// SaveDocument saves v as the next version of the document d, by the
// member author, creating the document when d.ID is 0. base is the
// version the author started from (0 for a new document): if someone
// saved another since, nothing is saved and a *coproduce.ValidationError
// says so, so no one's changes are overwritten unseen. The document's
// title and visibility are set from d. A group has one theory of change
// and one set of three horizons: creating a second returns a
// *coproduce.ValidationError. Returns coproduce.ErrNotFound for a
// document not of the author's group.
func (db *DB) SaveDocument(ctx context.Context, actorID int64, author *coproduce.Member, d *coproduce.Document, v *coproduce.DocumentVersion, base int) error {
	d.GroupID = author.GroupID
	if err := v.Validate(d); err != nil {
		return err
	}
	content, err := EncodeDocumentVersion(v)
	if err != nil {
		return err
	}
	err = db.saveDocument(ctx, actorID, author, d, v, base, content)
	if errors.Is(err, coproduce.ErrConflict) {
		// Someone else started the document, or saved the same version,
		// first: the unique indexes let one through.
		return fieldError("version", "Someone saved this document at the same moment. Your text is below: look at theirs, then save again.")
	}
	return err
}

func (db *DB) saveDocument(ctx context.Context, actorID int64, author *coproduce.Member, d *coproduce.Document, v *coproduce.DocumentVersion, base int, content []byte) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		if d.ID == 0 {
			// A second theory of change or three horizons breaks the
			// unique index: SaveDocument says someone saved it first.
			d.ID, d.CreatedAt = coproduce.NewID(), now
			if _, err := tx.ExecContext(ctx, `INSERT INTO documents (id, group_id, kind, template, title, visibility, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				d.ID, d.GroupID, d.Kind, d.Template, d.Title, d.Visibility, d.CreatedAt); err != nil {
				return err
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE documents SET title = $1, visibility = $2 WHERE id = $3 AND group_id = $4`, d.Title, d.Visibility, d.ID, d.GroupID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return coproduce.ErrNotFound
			}
		}
		var latest int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM document_versions WHERE document_id = $1`, d.ID).Scan(&latest); err != nil {
			return err
		}
		if latest != base {
			return fieldError("version", fmt.Sprintf("Someone saved version %d while you were writing. Your text is below: look at their version, then save again.", latest))
		}
		v.Number, v.SavedBy, v.SavedAt = latest+1, author.ID, now
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_versions (document_id, number, content, note, saved_by, saved_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			d.ID, v.Number, string(content), v.Note, v.SavedBy, v.SavedAt); err != nil {
			return err
		}
		d.Versions, d.Latest = v.Number, v
		what := string(d.Kind)
		if d.Kind == coproduce.TemplateDoc {
			what = "document from template " + d.Template
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: d.GroupID, ActorID: actorID, Action: "document.saved",
			Entity: "document", EntityID: d.ID, Summary: fmt.Sprintf("%s: version %d saved (%s)", what, v.Number, d.Visibility)})
	})
}

const documentColumns = `d.id, d.group_id, d.kind, d.template, d.title, d.visibility, d.created_at,
	(SELECT COALESCE(MAX(number), 0) FROM document_versions WHERE document_id = d.id)`

func scanDocument(r interface{ Scan(...any) error }) (*coproduce.Document, error) {
	var d coproduce.Document
	err := r.Scan(&d.ID, &d.GroupID, &d.Kind, &d.Template, &d.Title, &d.Visibility, &d.CreatedAt, &d.Versions)
	d.CreatedAt = d.CreatedAt.UTC()
	return &d, err
}

// FindDocuments returns a group's documents, without their versions:
// the theory of change and three horizons first, then those started from
// templates, newest first. Callers filter what each visitor may see.
func (db *DB) FindDocuments(ctx context.Context, groupID int64) ([]*coproduce.Document, error) {
	var out []*coproduce.Document
	err := db.collect(ctx, `SELECT `+documentColumns+` FROM documents d WHERE d.group_id = $1
		ORDER BY CASE d.kind WHEN 'theory-of-change' THEN 0 WHEN 'three-horizons' THEN 1 ELSE 2 END, d.created_at DESC, d.id`,
		[]any{groupID}, func(r *sql.Rows) error {
			d, err := scanDocument(r)
			out = append(out, d)
			return err
		})
	return out, err
}

// FindDocument returns one of a group's documents with its newest
// version, or coproduce.ErrNotFound.
func (db *DB) FindDocument(ctx context.Context, groupID, id int64) (*coproduce.Document, error) {
	return db.findDocument(ctx, `d.id = $1 AND d.group_id = $2`, id, groupID)
}

// FindDocumentByKind returns the group's theory of change or three
// horizons with its newest version, or coproduce.ErrNotFound if the
// group has not started it.
func (db *DB) FindDocumentByKind(ctx context.Context, groupID int64, kind coproduce.DocumentKind) (*coproduce.Document, error) {
	return db.findDocument(ctx, `d.group_id = $1 AND d.kind = $2`, groupID, kind)
}

func (db *DB) findDocument(ctx context.Context, where string, args ...any) (*coproduce.Document, error) {
	d, err := scanDocument(db.sql.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents d WHERE `+where, args...))
	if err == sql.ErrNoRows {
		return nil, coproduce.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if d.Versions > 0 {
		if d.Latest, err = db.FindDocumentVersion(ctx, d.ID, d.Versions); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// FindDocumentVersions lists a document's versions, newest first, without
// their content: for the list of versions, however long it grows.
func (db *DB) FindDocumentVersions(ctx context.Context, documentID int64) ([]*coproduce.DocumentVersion, error) {
	var out []*coproduce.DocumentVersion
	err := db.collect(ctx, `SELECT number, note, saved_by, saved_at FROM document_versions WHERE document_id = $1 ORDER BY number DESC`,
		[]any{documentID}, func(r *sql.Rows) error {
			var v coproduce.DocumentVersion
			err := r.Scan(&v.Number, &v.Note, &v.SavedBy, &v.SavedAt)
			v.SavedAt = v.SavedAt.UTC()
			out = append(out, &v)
			return err
		})
	return out, err
}

// FindDocumentVersion returns one version of a document with its
// content, or coproduce.ErrNotFound.
func (db *DB) FindDocumentVersion(ctx context.Context, documentID int64, number int) (*coproduce.DocumentVersion, error) {
	v := &coproduce.DocumentVersion{Number: number}
	var content string
	err := db.sql.QueryRowContext(ctx, `SELECT content, note, saved_by, saved_at FROM document_versions WHERE document_id = $1 AND number = $2`,
		documentID, number).Scan(&content, &v.Note, &v.SavedBy, &v.SavedAt)
	if err == sql.ErrNoRows {
		return nil, coproduce.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	var c documentContent
	if err := json.Unmarshal([]byte(content), &c); err != nil {
		return nil, fmt.Errorf("document %d version %d: %w", documentID, number, err)
	}
	v.Body, v.Sections, v.Outcomes, v.SavedAt = c.Body, c.Sections, c.Outcomes, v.SavedAt.UTC()
	if v.Sections == nil {
		v.Sections = map[string]string{}
	}
	return v, nil
}
