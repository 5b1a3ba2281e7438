// Package demo holds the demo data set: fictional organisations and steering
// groups with realistic records, so a newcomer sees a working product at
// once. The records are Go values; the same set serves as test fixtures.
package demo

import (
	"context"
	"errors"
	"fmt"

	"coproduce"
	"coproduce/store"
)

// Organisation is one demo organisation with its groups.
type Organisation struct {
	coproduce.Organisation
	Groups []coproduce.Group
}

// Data returns the demo data set. Every name is invented.
func Data() []Organisation {
	return []Organisation{
		{
			Organisation: coproduce.Organisation{Slug: "brookfield-council", Name: "London Borough of Brookfield"},
			Groups: []coproduce.Group{
				{Slug: "larkhill-estate", Name: "Larkhill Estate Steering Group", Area: "Larkhill Estate, Brookfield"},
				{Slug: "canal-side", Name: "Canal Side Regeneration Steering Group", Area: "Canal Side and Wharf Road"},
			},
		},
		{
			Organisation: coproduce.Organisation{Slug: "northway-homes", Name: "Northway Community Homes"},
			Groups: []coproduce.Group{
				{Slug: "ashby-road", Name: "Ashby Road Residents' Panel", Area: "Ashby Road blocks A to F"},
			},
		},
	}
}

// Load stores the demo data set if the database holds no organisations yet,
// and reports whether it did. A database already in use is left alone, so
// starting with --demo twice, or on real data, changes nothing. Each
// organisation is stored whole or not at all; when several instances start
// with --demo at once, the one that loses the race finds the data there
// (coproduce.ErrConflict) and carries on.
func Load(ctx context.Context, db *store.DB) (bool, error) {
	n, err := db.CountOrganisations(ctx)
	if err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	for _, d := range Data() {
		org := d.Organisation
		groups := make([]*coproduce.Group, len(d.Groups))
		for i := range d.Groups {
			groups[i] = &d.Groups[i]
		}
		err := db.CreateOrganisationWithGroups(ctx, &org, groups)
		if errors.Is(err, coproduce.ErrConflict) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("demo organisation %s: %w", org.Slug, err)
		}
	}
	return true, nil
}
