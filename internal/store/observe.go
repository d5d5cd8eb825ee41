package store

import (
	"runtime"
	"strings"
	"unicode"
)

// statementName names the statement being run after the exported Store method that asked
// for it ("Search", "Neighborhood", "List" …), found on the call stack, or "other". The
// names form a small fixed set, fit for a metrics label.
func statementName() string {
	var pcs [12]uintptr
	n := runtime.Callers(3, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	const prefix = "/internal/store.(*Store)."
	for {
		f, more := frames.Next()
		if i := strings.Index(f.Function, prefix); i >= 0 {
			name := f.Function[i+len(prefix):]
			if name != "" && unicode.IsUpper(rune(name[0])) && !strings.ContainsAny(name, ".") {
				return name
			}
		}
		if !more {
			return "other"
		}
	}
}
