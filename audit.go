package coproduce

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// AuditEntry is one change to a group's records. Entries form a hash chain
// per group: each carries the hash of the one before, so a change to any
// entry, or its removal, shows. Entries name people by id only, never by
// name, so erasing a person's account leaves the chain whole.
type AuditEntry struct {
	GroupID  int64
	Seq      int64 // 1, 2, 3, ... within the group
	At       time.Time
	ActorID  int64  // the user who made the change; 0 for the system
	Action   string // what happened, such as "member.added"
	Entity   string // the kind of record, such as "member"
	EntityID int64
	Summary  string // before and after, in brief
	PrevHash string // "" for the first entry
	Hash     string
}

// ComputeHash returns the hash the entry should carry: SHA-256 over a JSON
// array of its fields and the previous hash. JSON gives every field a
// boundary, so no two different entries hash the same text.
func (e *AuditEntry) ComputeHash() string {
	b, _ := json.Marshal([]any{e.GroupID, e.Seq, e.At.UTC().Format(time.RFC3339Nano), e.ActorID,
		e.Action, e.Entity, e.EntityID, e.Summary, e.PrevHash})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// AuditCheck is the result of verifying a group's chain.
type AuditCheck struct {
	GroupID  int64
	Entries  int
	BrokenAt int64  // the seq of the first bad entry; 0 when the chain is whole
	Problem  string // what is wrong with it
}

// Whole reports whether the chain verified.
func (c AuditCheck) Whole() bool { return c.BrokenAt == 0 }
