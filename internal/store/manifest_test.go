package store

import (
	"fmt"
	"reflect"
	"testing"
)

// The manifest's encoding gives back what it was given, across chunks, with keys that share
// long prefixes, none, or are prefixes of each other.
func TestManifestRoundTrip(t *testing.T) {
	var in []ManifestEntry
	in = append(in, ManifestEntry{KindNode, "department/a", "h0"}, ManifestEntry{KindNode, "department/ab", ""})
	for i := range 2000 {
		in = append(in, ManifestEntry{KindRel, fmt.Sprintf("RESPONSIBLE_FOR|department/x-%04d|task/y-%d", i/7, i), fmt.Sprintf("%032x", i*7919)})
	}
	in = append(in, ManifestEntry{KindNode, "task/中文-1", "h"}, ManifestEntry{KindNode, "task/中文-10", "h2"})
	var chunks [][]byte
	mw := manifestWriter{limit: 4096, emit: func(c []byte) error { chunks = append(chunks, append([]byte(nil), c...)); return nil }}
	for _, e := range in {
		if err := mw.add(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.flush(); err != nil {
		t.Fatal(err)
	}
	if len(chunks) < 3 {
		t.Fatalf("%d chunks, want several (the test crosses chunk borders)", len(chunks))
	}
	var out []ManifestEntry
	for _, c := range chunks {
		if err := decodeManifest(c, func(kind FactKind, key, hash string) error {
			out = append(out, ManifestEntry{kind, key, hash})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("round trip differs: %d entries in, %d out", len(in), len(out))
	}
	if err := decodeManifest(chunks[0][:len(chunks[0])/2], func(FactKind, string, string) error { return nil }); err == nil {
		t.Error("a truncated chunk decoded without an error")
	}
}
