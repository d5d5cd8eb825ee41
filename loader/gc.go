package loader

import "runtime/debug"

// loadHeap is the heap a load may grow to before the collector works harder: its live data is
// small (sort buffers, batches in flight) and its garbage plentiful (a million rows decoded).
const loadHeap = 256 << 20

// TuneGC lets the heap of a load grow (GOGC 400, up to 256 MiB) rather than be collected at
// every doubling of a small live heap: a fifth less CPU to validate size M. GOGC or GOMEMLIMIT
// in the environment (getenv) win. It sets the process's collector: call it from a command.
func TuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" && getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(loadHeap)
	}
}
