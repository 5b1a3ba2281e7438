package store

import (
	"context"
	"database/sql"

	"coproduce"
)

// CreatePaper validates and stores a paper and its file for a meeting of
// its group, with its audience, and an audit entry that names the paper's
// visibility but not its title (the record of changes is open to the whole
// group, and a restricted paper's title may itself be confidential).
// Named members must be current members of the group. Returns a
// *coproduce.ValidationError for bad fields and coproduce.ErrNotFound for
// a meeting not of the group.
func (db *DB) CreatePaper(ctx context.Context, actorID int64, p *coproduce.Paper, content []byte) error {
	p.Audience.GroupID = p.GroupID
	if err := p.Validate(); err != nil {
		return err
	}
	p.ID, p.UploadedAt, p.UploadedBy, p.Size = coproduce.NewID(), db.now(), actorID, int64(len(content))
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := meetingOfGroup(ctx, tx, p.GroupID, p.MeetingID); err != nil {
			return err
		}
		for _, id := range p.Audience.MemberIDs {
			var ok bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM members WHERE id = $1 AND group_id = $2 AND left_at IS NULL)`, id, p.GroupID).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				var v coproduce.ValidationError
				v.Add("visibility", "Choose current members of the group.")
				return &v
			}
		}
		_, err := tx.ExecContext(ctx,
			`INSERT INTO papers (id, group_id, meeting_id, title, summary, file_name, content_type, size, visibility, restriction_reason, uploaded_by, uploaded_at, circulated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
			p.ID, p.GroupID, p.MeetingID, p.Title, p.Summary, p.FileName, p.ContentType, p.Size, p.Audience.Visibility, p.Audience.Reason,
			nullID(actorID), p.UploadedAt, nullTime(p.CirculatedAt))
		if err != nil {
			return err
		}
		if p.Audience.Visibility == coproduce.Restricted {
			for _, id := range p.Audience.MemberIDs {
				if _, err := tx.ExecContext(ctx, `INSERT INTO paper_audience (paper_id, member_id) VALUES ($1, $2)`, p.ID, id); err != nil {
					return err
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO paper_files (paper_id, content) VALUES ($1, $2)`, p.ID, content); err != nil {
			return err
		}
		summary := "paper added (" + string(p.Audience.Visibility) + ")"
		if !p.CirculatedAt.IsZero() {
			summary += " and circulated"
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: p.GroupID, ActorID: actorID, Action: "paper.added", Entity: "paper", EntityID: p.ID, Summary: summary,
		})
	})
}

// CirculatePaper records that a paper went out to its audience now.
// Circulating it again changes nothing. Returns coproduce.ErrNotFound for
// a paper not of the group.
func (db *DB) CirculatePaper(ctx context.Context, actorID, groupID, paperID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var circulated sql.NullTime
		if err := tx.QueryRowContext(ctx, `SELECT circulated_at FROM papers WHERE id = $1 AND group_id = $2`, paperID, groupID).Scan(&circulated); err != nil {
			return err
		}
		if circulated.Valid {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE papers SET circulated_at = $1 WHERE id = $2`, db.now(), paperID); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: actorID, Action: "paper.circulated", Entity: "paper", EntityID: paperID, Summary: "circulated",
		})
	})
}

const paperColumns = `id, group_id, meeting_id, title, summary, file_name, content_type, size, visibility, restriction_reason, uploaded_by, uploaded_at, circulated_at`

func scanPaper(r interface{ Scan(...any) error }) (*coproduce.Paper, error) {
	var p coproduce.Paper
	var by sql.NullInt64
	var circulated sql.NullTime
	err := r.Scan(&p.ID, &p.GroupID, &p.MeetingID, &p.Title, &p.Summary, &p.FileName, &p.ContentType, &p.Size, &p.Audience.Visibility,
		&p.Audience.Reason, &by, &p.UploadedAt, &circulated)
	p.Audience.GroupID, p.UploadedBy, p.UploadedAt, p.CirculatedAt = p.GroupID, by.Int64, p.UploadedAt.UTC(), utc(circulated)
	return &p, err
}

// FindPapers returns a meeting's papers with their audiences, in the order
// they were added, in two queries. Callers filter what each visitor may see.
func (db *DB) FindPapers(ctx context.Context, meetingID int64) ([]*coproduce.Paper, error) {
	return db.findPapers(ctx, "p.meeting_id = $1", "p.uploaded_at, p.id", meetingID)
}

// FindGroupPapers returns every paper of a group, newest first, with their
// audiences, in two queries. Callers filter what each visitor may see.
func (db *DB) FindGroupPapers(ctx context.Context, groupID int64) ([]*coproduce.Paper, error) {
	return db.findPapers(ctx, "p.group_id = $1", "p.uploaded_at DESC, p.id", groupID)
}

// findPapers loads the papers matching where (a constant condition on
// papers p, with args), in order, with their audiences.
func (db *DB) findPapers(ctx context.Context, where, order string, args ...any) ([]*coproduce.Paper, error) {
	var out []*coproduce.Paper
	byID := map[int64]*coproduce.Paper{}
	err := db.collect(ctx, `SELECT `+prefixedPaperColumns+` FROM papers p WHERE `+where+` ORDER BY `+order, args,
		func(r *sql.Rows) error {
			p, err := scanPaper(r)
			out = append(out, p)
			byID[p.ID] = p
			return err
		})
	if err != nil {
		return nil, err
	}
	err = db.collect(ctx, `SELECT a.paper_id, a.member_id FROM paper_audience a JOIN papers p ON p.id = a.paper_id WHERE `+where,
		args, func(r *sql.Rows) error {
			var pid, mid int64
			if err := r.Scan(&pid, &mid); err != nil {
				return err
			}
			if p := byID[pid]; p != nil {
				p.Audience.MemberIDs = append(p.Audience.MemberIDs, mid)
			}
			return nil
		})
	return out, err
}

const prefixedPaperColumns = `p.id, p.group_id, p.meeting_id, p.title, p.summary, p.file_name, p.content_type, p.size, p.visibility, p.restriction_reason, p.uploaded_by, p.uploaded_at, p.circulated_at`

// FindPaper returns one paper of a group with its audience, or
// coproduce.ErrNotFound.
func (db *DB) FindPaper(ctx context.Context, groupID, paperID int64) (*coproduce.Paper, error) {
	p, err := scanPaper(db.sql.QueryRowContext(ctx, `SELECT `+paperColumns+` FROM papers WHERE id = $1 AND group_id = $2`, paperID, groupID))
	if err != nil {
		return nil, db.dialect.mapError(err)
	}
	err = db.collect(ctx, `SELECT member_id FROM paper_audience WHERE paper_id = $1`, []any{paperID}, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		p.Audience.MemberIDs = append(p.Audience.MemberIDs, id)
		return err
	})
	return p, err
}

// FindPaperContent returns a paper's file.
func (db *DB) FindPaperContent(ctx context.Context, paperID int64) ([]byte, error) {
	var b []byte
	err := db.sql.QueryRowContext(ctx, `SELECT content FROM paper_files WHERE paper_id = $1`, paperID).Scan(&b)
	return b, db.dialect.mapError(err)
}
