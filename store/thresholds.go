package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"coproduce"
)

// IndicatorThresholds returns the thresholds a group has set for itself,
// by indicator id; indicators it has not changed are absent.
func (db *DB) IndicatorThresholds(ctx context.Context, groupID int64) (map[string]float64, error) {
	out := map[string]float64{}
	err := db.collect(ctx, `SELECT indicator, threshold FROM indicator_thresholds WHERE group_id = $1`, []any{groupID},
		func(r *sql.Rows) error {
			var id string
			var v float64
			if err := r.Scan(&id, &v); err != nil {
				return err
			}
			out[id] = v
			return nil
		})
	return out, err
}

// SetIndicatorThresholds replaces the thresholds a group has set for
// itself: an indicator absent from set goes back to the default. Each
// value must suit its indicator (coproduce.IndicatorDef.CheckThreshold);
// the field of a problem is the indicator's id. The audit entry lists
// what changed.
func (db *DB) SetIndicatorThresholds(ctx context.Context, actorID, groupID int64, set map[string]float64) error {
	var v coproduce.ValidationError
	for _, id := range slices.Sorted(maps.Keys(set)) {
		def, ok := coproduce.IndicatorByID(id)
		if !ok {
			v.Add(id, "There is no indicator "+id+".")
			continue
		}
		if !def.CheckThreshold(set[id]) {
			lo, hi, whole := def.ThresholdRange()
			kind := "a number"
			if whole {
				kind = "a whole number"
			}
			v.Add(id, fmt.Sprintf("Enter %s from %s to %s.", kind, strconv.FormatFloat(lo, 'f', -1, 64), strconv.FormatFloat(hi, 'f', -1, 64)))
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		old := map[string]float64{}
		rows, err := tx.QueryContext(ctx, `SELECT indicator, threshold FROM indicator_thresholds WHERE group_id = $1`, groupID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			var x float64
			if err := rows.Scan(&id, &x); err != nil {
				rows.Close()
				return err
			}
			old[id] = x
		}
		if err := rows.Close(); err != nil {
			return err
		}
		var changed []string
		for _, d := range coproduce.Indicators {
			was, had := old[d.ID]
			now, has := set[d.ID]
			if had == has && was == now {
				continue
			}
			changed = append(changed, d.ID)
		}
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM indicator_thresholds WHERE group_id = $1`, groupID); err != nil {
			return err
		}
		for _, id := range slices.Sorted(maps.Keys(set)) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO indicator_thresholds (group_id, indicator, threshold) VALUES ($1, $2, $3)`, groupID, id, set[id]); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, &coproduce.AuditEntry{
			GroupID: groupID, ActorID: actorID, Action: "thresholds.changed", Entity: "group", EntityID: groupID,
			Summary: "thresholds changed: " + strings.Join(changed, ", "),
		})
	})
}
