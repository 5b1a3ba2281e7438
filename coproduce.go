// Package coproduce holds the domain of the product: the records a
// coproduction steering group keeps and the rules they follow. It imports
// neither net/http nor database/sql; the store and web packages depend on it,
// never the other way round.
package coproduce

import (
	"crypto/rand"
	"encoding/binary"
)

// NewID returns a random positive 63-bit identifier.
//
// Identifiers are made by the application, not the database, for two
// reasons: one migration set must serve SQLite and PostgreSQL, which disagree
// on auto-increment syntax; and identifiers that follow no order reveal
// neither how many records exist nor which came first, which the anonymous
// health check will rely on.
func NewID() int64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand.Read never fails on Linux since Go 1.24; if it did,
		// carrying on with a predictable id would be worse than stopping.
		panic("coproduce: reading random bytes: " + err.Error())
	}
	id := int64(binary.BigEndian.Uint64(b[:]) >> 1)
	if id == 0 {
		return NewID()
	}
	return id
}
