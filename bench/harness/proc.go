package harness

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on Linux for
// every architecture Go supports (the kernel reports in that unit whatever HZ is).
const clockTicks = 100

// RSS returns the resident set size of process pid in bytes (VmRSS of /proc/<pid>/status).
func RSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer func() { _ = f.Close() }()
	return parseVmRSS(f)
}

func parseVmRSS(f *os.File) (int64, error) {
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if kb, ok := VmRSSLine(sc.Text()); ok {
			return kb * 1024, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("no VmRSS in %s", f.Name())
}

// VmRSSLine parses a "VmRSS:   12345 kB" line of /proc/<pid>/status into kilobytes.
func VmRSSLine(line string) (int64, bool) {
	rest, ok := strings.CutPrefix(line, "VmRSS:")
	if !ok {
		return 0, false
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return 0, false
	}
	kb, err := strconv.ParseInt(fields[0], 10, 64)
	return kb, err == nil
}

// CPU returns the user+system CPU time process pid has used so far.
func CPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return StatCPU(string(b))
}

// StatCPU parses the utime and stime fields (14 and 15) of a /proc/<pid>/stat line. The
// command name (field 2) is in parentheses and may hold spaces, so fields are counted from the
// last ')'.
func StatCPU(stat string) (time.Duration, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, fmt.Errorf("malformed stat line")
	}
	f := strings.Fields(stat[i+1:])
	// f[0] is field 3 (state); utime is field 14 -> f[11], stime field 15 -> f[12].
	if len(f) < 13 {
		return 0, fmt.Errorf("stat line has %d fields after the command", len(f))
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	s, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("malformed utime/stime %q %q", f[11], f[12])
	}
	return time.Duration(u+s) * time.Second / clockTicks, nil
}

// Sampler samples a process's RSS every interval until stopped: the peak and the last value.
type Sampler struct {
	pid    int
	mu     sync.Mutex
	peak   int64
	last   int64
	series []int64
	stop   context.CancelFunc
	done   chan struct{}
}

// StartSampler starts sampling pid (0: a sampler that records nothing).
func StartSampler(pid int, every time.Duration, keepSeries bool) *Sampler {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Sampler{pid: pid, stop: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		if pid <= 0 {
			return
		}
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			s.sample(keepSeries)
			select {
			case <-ctx.Done():
				s.sample(keepSeries)
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *Sampler) sample(keep bool) {
	v, err := RSS(s.pid)
	if err != nil {
		return
	}
	s.mu.Lock()
	s.last = v
	s.peak = max(s.peak, v)
	if keep {
		s.series = append(s.series, v)
	}
	s.mu.Unlock()
}

// Stop stops sampling and returns the peak and the last RSS in bytes, and the series if kept.
func (s *Sampler) Stop() (peak, last int64, series []int64) {
	s.stop()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak, s.last, s.series
}

// MB formats bytes as mebibytes with one decimal ("n/a" for none).
func MB(b int64) string {
	if b <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f", float64(b)/(1<<20))
}
