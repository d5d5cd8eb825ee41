package store

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The manifest's encoding gives back what it was given, across chunks, with keys that share
// long prefixes, none, or are prefixes of each other, and with and without line hashes.
func TestManifestRoundTrip(t *testing.T) {
	line := func(i int) string { return fmt.Sprintf("%016d", i+1)[:LineHashBytes] }
	var in []ManifestEntry
	in = append(in, ManifestEntry{KindNode, "department/a", "h0", line(0)}, ManifestEntry{KindNode, "department/ab", "", ""})
	for i := range 2000 {
		e := ManifestEntry{KindRel, fmt.Sprintf("RESPONSIBLE_FOR|department/x-%04d|task/y-%d", i/7, i), fmt.Sprintf("%032x", i*7919), ""}
		if i%3 != 0 {
			e.Line = line(i)
		}
		in = append(in, e)
	}
	in = append(in, ManifestEntry{KindNode, "task/中文-1", "h", ""}, ManifestEntry{KindNode, "task/中文-10", "h2", line(9)})
	type chunk struct{ data, lines []byte }
	var chunks []chunk
	mw := manifestWriter{limit: 4096, emit: func(raw, l []byte) error {
		z, err := compressChunk(raw)
		chunks = append(chunks, chunk{z, l})
		return err
	}}
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
	var out, bare []ManifestEntry
	for _, c := range chunks {
		if err := decodeManifest(c.data, c.lines, func(e ManifestEntry) error {
			out = append(out, e)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		// A chunk written before line hashes existed decodes without them.
		if err := decodeManifest(c.data, nil, func(e ManifestEntry) error {
			bare = append(bare, e)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("round trip differs: %d entries in, %d out", len(in), len(out))
	}
	for i := range in {
		if want := (ManifestEntry{in[i].Kind, in[i].Key, in[i].Hash, ""}); bare[i] != want {
			t.Fatalf("entry %d without line hashes: %+v, want %+v", i, bare[i], want)
		}
	}
	none := func(ManifestEntry) error { return nil }
	if err := decodeManifest(chunks[0].data[:len(chunks[0].data)/2], chunks[0].lines, none); err == nil {
		t.Error("a truncated chunk decoded without an error")
	}
	for name, lines := range map[string][]byte{
		"short": chunks[0].lines[:len(chunks[0].lines)-LineHashBytes],
		"long":  append(append([]byte(nil), chunks[0].lines...), strings.Repeat("x", LineHashBytes)...),
	} {
		if err := decodeManifest(chunks[0].data, lines, none); err == nil {
			t.Errorf("line hashes %s of the entries: decoded without an error", name)
		}
	}
}
