package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"math/rand/v2"
	"slices"

	"coproduce"
)

// splitBallots is migration 32: it makes tables for the places on the
// ladder and the comments, each row on its own and without a side, and
// moves them there out of the ballots written before, which keep only
// their answers to the statements. Each round's new rows go in a random
// order. Going down drops the new tables: the places and comments cannot
// be put back with the ballots they came from, which is the point.
func splitBallots(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		`CREATE TABLE health_placings (
			round_id    BIGINT NOT NULL REFERENCES health_rounds (id) ON DELETE CASCADE,
			area_id     BIGINT NOT NULL,
			now_rung    INTEGER NOT NULL,
			should_rung INTEGER NOT NULL
		)`,
		`CREATE INDEX health_placings_round ON health_placings (round_id)`,
		`CREATE TABLE health_comments (
			round_id  BIGINT NOT NULL REFERENCES health_rounds (id) ON DELETE CASCADE,
			principle INTEGER NOT NULL,
			body      TEXT NOT NULL
		)`,
		`CREATE INDEX health_comments_round ON health_comments (round_id)`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	type old struct {
		id, round int64
		payload   string
	}
	var ballots []old
	rows, err := tx.QueryContext(ctx, `SELECT id, round_id, answers FROM health_ballots`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var b old
		if err := rows.Scan(&b.id, &b.round, &b.payload); err != nil {
			rows.Close()
			return err
		}
		ballots = append(ballots, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	placings := map[int64][][]any{}
	comments := map[int64][][]any{}
	for _, b := range ballots {
		var j struct {
			Answers  map[string]int              `json:"answers"`
			Ladder   map[int64][2]coproduce.Rung `json:"ladder"`
			Comments map[int]string              `json:"comments"`
		}
		if err := json.Unmarshal([]byte(b.payload), &j); err != nil {
			return err
		}
		whole := coproduce.Ballot{Ladder: j.Ladder}
		for _, p := range whole.Placings() {
			placings[b.round] = append(placings[b.round], []any{p.AreaID, int(p.Now), int(p.Should)})
		}
		for n, c := range j.Comments {
			if c != "" {
				comments[b.round] = append(comments[b.round], []any{n, c})
			}
		}
		answers, err := json.Marshal(ballotJSON{Answers: j.Answers})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE health_ballots SET answers = $1 WHERE id = $2`, string(answers), b.id); err != nil {
			return err
		}
	}
	insert := func(query string, byRound map[int64][][]any) error {
		for _, round := range slices.Sorted(maps.Keys(byRound)) {
			list := byRound[round]
			rand.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
			for _, vals := range list {
				if _, err := tx.ExecContext(ctx, query, append([]any{round}, vals...)...); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := insert(`INSERT INTO health_placings (round_id, area_id, now_rung, should_rung) VALUES ($1, $2, $3, $4)`, placings); err != nil {
		return err
	}
	return insert(`INSERT INTO health_comments (round_id, principle, body) VALUES ($1, $2, $3)`, comments)
}
