package web

import "strings"

// diffLine is one line of a comparison: in both versions, only the old
// one, or only the new one.
type diffLine struct {
	Text    string
	Added   bool
	Removed bool
}

// lineDiff compares two texts line by line (longest common subsequence),
// for showing how a section changed between versions. Texts are short, so
// the quadratic table is small.
func lineDiff(a, b string) []diffLine {
	x, y := splitLines(a), splitLines(b)
	n, m := len(x), len(y)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []diffLine
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case x[i] == y[j]:
			out = append(out, diffLine{Text: x[i]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, diffLine{Text: x[i], Removed: true})
			i++
		default:
			out = append(out, diffLine{Text: y[j], Added: true})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, diffLine{Text: x[i], Removed: true})
	}
	for ; j < m; j++ {
		out = append(out, diffLine{Text: y[j], Added: true})
	}
	return out
}

func splitLines(s string) []string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
