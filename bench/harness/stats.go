package harness

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Percentile returns the p-th percentile (0 < p <= 100) of the sorted durations by the
// nearest-rank method, 0 for none.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = max(1, min(rank, len(sorted)))
	return sorted[rank-1]
}

// Median returns the median of xs (the mean of the middle two for an even count), 0 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Ratio formats a/b as "2.41×", or "n/a" when either is missing or b is zero.
func Ratio(a, b float64) string {
	if a <= 0 || b <= 0 || math.IsNaN(a) || math.IsNaN(b) {
		return "n/a"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// Millis formats a duration in milliseconds with two decimals ("n/a" for zero).
func Millis(d time.Duration) string {
	if d <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond))
}

// Table is a Markdown table.
type Table struct {
	Header []string
	Rows   [][]string
}

// Markdown renders t with columns padded to their widest cell (in runes), numbers and
// ratios right-aligned (a column is numeric when every non-empty cell but "n/a" starts with
// a digit).
func (t Table) Markdown() string {
	widths := make([]int, len(t.Header))
	numeric := make([]bool, len(t.Header))
	for i, h := range t.Header {
		widths[i] = len([]rune(h))
		numeric[i] = true
	}
	for _, r := range t.Rows {
		for i := range t.Header {
			c := cell(r, i)
			widths[i] = max(widths[i], len([]rune(c)))
			if c != "" && c != "n/a" && (c[0] < '0' || c[0] > '9') {
				numeric[i] = false
			}
		}
	}
	var b strings.Builder
	line := func(cells func(i int) string) {
		b.WriteString("|")
		for i := range t.Header {
			c := cells(i)
			pad := strings.Repeat(" ", widths[i]-len([]rune(c)))
			if numeric[i] {
				b.WriteString(" " + pad + c + " |")
			} else {
				b.WriteString(" " + c + pad + " |")
			}
		}
		b.WriteString("\n")
	}
	line(func(i int) string { return t.Header[i] })
	line(func(i int) string {
		d := strings.Repeat("-", widths[i])
		if numeric[i] {
			return d[:len(d)-1] + ":"
		}
		return d
	})
	for _, r := range t.Rows {
		line(func(i int) string { return cell(r, i) })
	}
	return b.String()
}

func cell(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}
