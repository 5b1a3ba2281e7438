package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"coproduce"
)

// OpenHealthRound opens a perception round. Only the group's chair or
// facilitator opens one (coproduce.ErrNotFound otherwise), and only when
// no other round of the group is open.
func (db *DB) OpenHealthRound(ctx context.Context, actorID int64, opener *coproduce.Member, r *coproduce.HealthRound) error {
	if opener == nil || !opener.Role.Leads() {
		return coproduce.ErrNotFound
	}
	r.GroupID, r.OpenedBy, r.ClosedAt = opener.GroupID, opener.ID, time.Time{}
	if err := r.Validate(); err != nil {
		return err
	}
	r.ID = coproduce.NewID()
	areas := make([]string, len(r.AreaIDs))
	for i, a := range r.AreaIDs {
		areas[i] = strconv.FormatInt(a, 10)
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.lock(ctx, tx, r.GroupID); err != nil {
			return err
		}
		rounds, err := findHealthRounds(ctx, tx, r.GroupID)
		if err != nil {
			return err
		}
		for _, other := range rounds {
			if !other.Closed(db.now()) {
				return fieldError("title", "A round is already open. Close it before opening another.")
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO health_rounds (id, group_id, title, opens_on, closes_on, min_cell, statements, area_ids, opened_by, opened_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			r.ID, r.GroupID, r.Title, r.OpensOn.UTC(), r.ClosesOn.UTC(), r.MinCell, strings.Join(r.Statements, "\n"), strings.Join(areas, "\n"), r.OpenedBy, db.now()); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: r.GroupID, ActorID: actorID, Action: "health.opened",
			Entity: "health-round", EntityID: r.ID, Summary: r.Title})
	})
}

// CloseHealthRound closes an open round early, by hand.
func (db *DB) CloseHealthRound(ctx context.Context, actorID int64, closer *coproduce.Member, id int64) error {
	if closer == nil || !closer.Role.Leads() {
		return coproduce.ErrNotFound
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.lock(ctx, tx, closer.GroupID); err != nil {
			return err
		}
		r, err := findHealthRound(ctx, tx, closer.GroupID, id)
		if err != nil {
			return err
		}
		if r.Closed(db.now()) {
			return stateError("This round has closed already.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE health_rounds SET closed_at = $1 WHERE id = $2`, db.now(), id); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM health_participants WHERE round_id = $1`, id).Scan(&n); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{GroupID: closer.GroupID, ActorID: actorID, Action: "health.closed",
			Entity: "health-round", EntityID: id, Summary: fmt.Sprintf("%d answered", n)})
	})
}

// ballotJSON is how a ballot's answers are stored.
type ballotJSON struct {
	Answers map[string]int `json:"answers"`
}

// SubmitBallot records member's answers in an open round, once. It writes
// no audit entry and no time. Who has answered and what was answered go
// to separate tables, and both tables' rows for the round are rewritten
// in a new random order, so neither the order of rows nor their ids tell
// whose ballot is whose. Parallel submissions by one member take turns
// on the group's lock, and all but the first are refused.
func (db *DB) SubmitBallot(ctx context.Context, member *coproduce.Member, roundID int64, b *coproduce.Ballot) error {
	b.Constituency = member.Constituency
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.lock(ctx, tx, member.GroupID); err != nil {
			return err
		}
		r, err := findHealthRound(ctx, tx, member.GroupID, roundID)
		if err != nil {
			return err
		}
		now := db.now()
		switch {
		case !r.Started(now):
			return stateError("This round has not opened yet.")
		case r.Closed(now):
			return stateError("This round has closed.")
		}
		var current, away int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM members WHERE id = $1 AND group_id = $2 AND left_at IS NULL`, member.ID, member.GroupID).Scan(&current); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM time_out WHERE member_id = $1 AND from_day <= $2 AND (until_day IS NULL OR until_day > $2)`,
			member.ID, coproduce.MiddayLondon(now)).Scan(&away); err != nil {
			return err
		}
		if current == 0 || away > 0 {
			return coproduce.ErrNotFound
		}
		var answered int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM health_participants WHERE round_id = $1 AND member_id = $2`, roundID, member.ID).Scan(&answered); err != nil {
			return err
		}
		if answered > 0 {
			return stateError("You have already answered this round. Answers cannot be changed, because nothing links them to you.")
		}
		if err := r.ValidateBallot(b); err != nil {
			return err
		}
		payload, err := json.Marshal(ballotJSON{Answers: b.Answers})
		if err != nil {
			return err
		}
		add := map[string][][]any{
			"health_participants": {{member.ID}},
			"health_ballots":      {{coproduce.NewID(), string(b.Constituency), string(payload)}},
		}
		for _, p := range b.Placings() {
			add["health_placings"] = append(add["health_placings"], []any{p.AreaID, int(p.Now), int(p.Should)})
		}
		for n, c := range b.Comments {
			if c != "" {
				add["health_comments"] = append(add["health_comments"], []any{n, c})
			}
		}
		return reshuffleRound(ctx, tx, roundID, add)
	})
}

// roundTables are the tables of a round's answers, each with the columns
// reshuffleRound rewrites after round_id. Nothing in one row points at a
// row of another.
var roundTables = []struct{ name, columns string }{
	{"health_participants", "member_id"},
	{"health_ballots", "id, constituency, answers"},
	{"health_placings", "area_id, now_rung, should_rung"},
	{"health_comments", "principle, body"},
}

// reshuffleRound adds rows to a round's tables (by table, values for the
// columns in roundTables) and writes each table's rows for the round
// again in a new random order, so that where a row is stored says nothing
// about when it came. Ballots get new ids.
func reshuffleRound(ctx context.Context, tx *sql.Tx, roundID int64, add map[string][][]any) error {
	for _, t := range roundTables {
		n := strings.Count(t.columns, ",") + 1
		rows, err := tx.QueryContext(ctx, `SELECT `+t.columns+` FROM `+t.name+` WHERE round_id = $1`, roundID)
		if err != nil {
			return err
		}
		all := add[t.name]
		for rows.Next() {
			vals := make([]any, n)
			ptrs := make([]any, n)
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return err
			}
			all = append(all, vals)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.name+` WHERE round_id = $1`, roundID); err != nil {
			return err
		}
		rand.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
		marks := make([]string, n)
		for i := range marks {
			marks[i] = "$" + strconv.Itoa(i+2)
		}
		insert := `INSERT INTO ` + t.name + ` (round_id, ` + t.columns + `) VALUES ($1, ` + strings.Join(marks, ", ") + `)`
		for _, vals := range all {
			if t.name == "health_ballots" {
				vals[0] = coproduce.NewID()
			}
			if _, err := tx.ExecContext(ctx, insert, append([]any{roundID}, vals...)...); err != nil {
				return err
			}
		}
	}
	return nil
}

const healthRoundColumns = `id, group_id, title, opens_on, closes_on, min_cell, statements, area_ids, opened_by, closed_at`

func scanHealthRound(row interface{ Scan(...any) error }) (*coproduce.HealthRound, error) {
	var r coproduce.HealthRound
	var statements, areas string
	var closed sql.NullTime
	if err := row.Scan(&r.ID, &r.GroupID, &r.Title, &r.OpensOn, &r.ClosesOn, &r.MinCell, &statements, &areas, &r.OpenedBy, &closed); err != nil {
		return nil, err
	}
	r.OpensOn, r.ClosesOn = r.OpensOn.UTC(), r.ClosesOn.UTC()
	if closed.Valid {
		r.ClosedAt = closed.Time.UTC()
	}
	if statements != "" {
		r.Statements = strings.Split(statements, "\n")
	}
	for _, a := range strings.Split(areas, "\n") {
		if id, err := strconv.ParseInt(a, 10, 64); err == nil {
			r.AreaIDs = append(r.AreaIDs, id)
		}
	}
	return &r, nil
}

func findHealthRound(ctx context.Context, q querier, groupID, id int64) (*coproduce.HealthRound, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+healthRoundColumns+` FROM health_rounds WHERE id = $1 AND group_id = $2`, id, groupID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, coproduce.ErrNotFound
	}
	return scanHealthRound(rows)
}

func findHealthRounds(ctx context.Context, q querier, groupID int64) ([]*coproduce.HealthRound, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+healthRoundColumns+` FROM health_rounds WHERE group_id = $1 ORDER BY opens_on DESC, opened_at DESC, id`, groupID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*coproduce.HealthRound
	for rows.Next() {
		r, err := scanHealthRound(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FindHealthRounds returns the group's rounds, latest first.
func (db *DB) FindHealthRounds(ctx context.Context, groupID int64) ([]*coproduce.HealthRound, error) {
	return findHealthRounds(ctx, db.sql, groupID)
}

// FindHealthRound returns one of the group's rounds.
func (db *DB) FindHealthRound(ctx context.Context, groupID, id int64) (*coproduce.HealthRound, error) {
	return findHealthRound(ctx, db.sql, groupID, id)
}

// HealthParticipation returns how many have answered a round and whether
// member is among them.
// Once the round has settled (see settleHealthRounds) the list of who
// answered is gone: the count stays, and answered is false.
func (db *DB) HealthParticipation(ctx context.Context, roundID, memberID int64) (count int, answered bool, err error) {
	var settled sql.NullInt64
	if err := db.sql.QueryRowContext(ctx, `SELECT answered FROM health_rounds WHERE id = $1`, roundID).Scan(&settled); err != nil {
		return 0, false, err
	}
	if settled.Valid {
		return int(settled.Int64), false, nil
	}
	var mine int
	err = db.sql.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN member_id = $2 THEN 1 ELSE 0 END), 0) FROM health_participants WHERE round_id = $1`,
		roundID, memberID).Scan(&count, &mine)
	return count, mine > 0, err
}

// HealthAnswerCounts returns how many have answered each of the group's
// rounds, by round id, in one query: the kept count for settled rounds,
// the list's length for the rest.
func (db *DB) HealthAnswerCounts(ctx context.Context, groupID int64) (map[int64]int, error) {
	out := map[int64]int{}
	err := db.collect(ctx, `SELECT r.id, COALESCE(r.answered, (SELECT COUNT(*) FROM health_participants p WHERE p.round_id = r.id))
		FROM health_rounds r WHERE r.group_id = $1`, []any{groupID}, func(rows *sql.Rows) error {
		var id int64
		var n int
		err := rows.Scan(&id, &n)
		out[id] = n
		return err
	})
	return out, err
}

// settleHealthRounds finishes the group's rounds that have closed but not
// yet settled. It keeps how many answered and deletes the list of who
// did, so afterwards nothing in the database says who answered a closed
// round; and it blanks the side of the ballots of any side with fewer
// ballots than the round's minimum, whose figures are hidden anyway, so
// that a lone member's ballot cannot be picked out by its side. It runs
// with the group's lock held, from appendAudit: the first change to the
// group's records after a round closes settles it, and closing one by
// hand does at once.
func (db *DB) settleHealthRounds(ctx context.Context, tx *sql.Tx, groupID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+healthRoundColumns+` FROM health_rounds WHERE group_id = $1 AND answered IS NULL`, groupID)
	if err != nil {
		return err
	}
	var unsettled []*coproduce.HealthRound
	for rows.Next() {
		r, err := scanHealthRound(rows)
		if err != nil {
			rows.Close()
			return err
		}
		unsettled = append(unsettled, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	now := db.now()
	for _, r := range unsettled {
		if !r.Closed(now) {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM health_participants WHERE round_id = $1`, r.ID).Scan(&n); err != nil {
			return err
		}
		sides := map[string]int{}
		rows, err := tx.QueryContext(ctx, `SELECT constituency FROM health_ballots WHERE round_id = $1`, r.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return err
			}
			sides[c]++
		}
		rows.Close()
		for c, count := range sides {
			if count < r.MinCell && c != "" {
				if _, err := tx.ExecContext(ctx, `UPDATE health_ballots SET constituency = '' WHERE round_id = $1 AND constituency = $2`, r.ID, c); err != nil {
					return err
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM health_participants WHERE round_id = $1`, r.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE health_rounds SET answered = $1 WHERE id = $2`, n, r.ID); err != nil {
			return err
		}
		db.closedBallots.forget(r.ID)
	}
	return nil
}

// FindRoundAnswers returns what a closed round's members answered, each
// part in the random order it is stored in. It refuses an open round:
// results show only once a round has closed, so nobody can tell one
// answer from the next by watching the figures change.
func (db *DB) FindRoundAnswers(ctx context.Context, r *coproduce.HealthRound) (*coproduce.RoundAnswers, error) {
	now := db.now()
	if !r.Closed(now) {
		return nil, errors.New("store: answers of an open round asked for")
	}
	// A round closed a minute ago or more has all its answers: any
	// submission still in flight at the close has committed or failed.
	settled := r.Closed(now.Add(-time.Minute))
	if settled {
		if cached, ok := db.closedBallots.get(r.ID); ok {
			return cached, nil
		}
	}
	out := &coproduce.RoundAnswers{Comments: map[int][]string{}}
	err := db.collect(ctx, `SELECT constituency, answers FROM health_ballots WHERE round_id = $1`, []any{r.ID}, func(rows *sql.Rows) error {
		var c, payload string
		if err := rows.Scan(&c, &payload); err != nil {
			return err
		}
		var j ballotJSON
		if err := json.Unmarshal([]byte(payload), &j); err != nil {
			return err
		}
		out.Ballots = append(out.Ballots, &coproduce.Ballot{Constituency: coproduce.Constituency(c), Answers: j.Answers})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = db.collect(ctx, `SELECT area_id, now_rung, should_rung FROM health_placings WHERE round_id = $1`, []any{r.ID}, func(rows *sql.Rows) error {
		var p coproduce.Placing
		if err := rows.Scan(&p.AreaID, &p.Now, &p.Should); err != nil {
			return err
		}
		out.Placings = append(out.Placings, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = db.collect(ctx, `SELECT principle, body FROM health_comments WHERE round_id = $1`, []any{r.ID}, func(rows *sql.Rows) error {
		var n int
		var body string
		if err := rows.Scan(&n, &body); err != nil {
			return err
		}
		out.Comments[n] = append(out.Comments[n], body)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if settled {
		db.closedBallots.put(r.ID, out)
	}
	return out, nil
}

// ballotCache holds closed rounds' answers, which callers must not
// change. It forgets everything when it grows past maxCachedRounds.
type ballotCache struct {
	mu     sync.Mutex
	rounds map[int64]*coproduce.RoundAnswers
}

const maxCachedRounds = 2000

func (c *ballotCache) get(id int64) (*coproduce.RoundAnswers, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.rounds[id]
	return a, ok
}

func (c *ballotCache) forget(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.rounds, id)
}

func (c *ballotCache) put(id int64, answers *coproduce.RoundAnswers) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rounds == nil || len(c.rounds) >= maxCachedRounds {
		c.rounds = map[int64]*coproduce.RoundAnswers{}
	}
	c.rounds[id] = answers
}

// queryIDs runs a query returning one column of ids and collects them.
func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
