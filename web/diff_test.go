package web

import "testing"

func TestLineDiff(t *testing.T) {
	got := lineDiff("Consensus first.\nThe chair decides.\nMeet monthly.", "Consensus first.\nA vote if that fails.\nMeet monthly.")
	want := []diffLine{{Text: "Consensus first."}, {Text: "The chair decides.", Removed: true}, {Text: "A vote if that fails.", Added: true}, {Text: "Meet monthly."}}
	if len(got) != len(want) {
		t.Fatalf("lineDiff = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if d := lineDiff("", "New."); len(d) != 1 || !d[0].Added {
		t.Errorf("from nothing: %+v", d)
	}
}
