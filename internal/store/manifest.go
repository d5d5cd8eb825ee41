package store

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"golang.org/x/sync/errgroup"
)

// A dataset's manifest: what it asserts (kind, key and content hash of every fact, in key
// order), as a few compressed chunks — what a sync compares the dataset's new content with
// (AssertedHashes). Reading a million facts' hashes from Assertion nodes would take longer
// than a small sync, and a relationship one dataset asserts has no Assertion node at all
// (assertionWrites). Each chunk also holds, uncompressed in `lines`, the line hash of each of
// its entries (LineHashBytes bytes each, zero for a fact not read from a line of its own):
// a sync that finds a line unchanged need not decode it again (ReadManifest). Chunks are staged like assertions (staging.go): a sync of version v
// writes the new manifest's chunks with _s = v and marks the old ones _u = v; the apply
// deletes the old ones, a rollback the new ones. No reader of the graph reads them.
const (
	labelManifest = "DatasetManifest"
	// manifestChunk is the size of a chunk's records before compression.
	manifestChunk = 8 << 20
)

// ManifestEntry is one fact of a manifest.
type ManifestEntry struct {
	Kind FactKind
	Key  string
	Hash string
	// Line is the hash of the data file line the fact was read from (LineHashBytes bytes), or
	// empty.
	Line string
}

// LineHashBytes is the size of a line hash in a manifest.
const LineHashBytes = 16

// WriteManifest stores the facts dataset asserts at version v, read from next in key order
// (ok false after the last), as its manifest, replacing the one before. An empty manifest (an
// unloaded dataset) removes it.
func (s *Store) WriteManifest(ctx context.Context, dataset string, v int64, next func() (ManifestEntry, bool, error)) error {
	par := map[string]any{"ds": dataset, "v": v}
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		return run(ctx, tx, "MATCH (m:"+labelManifest+" {ds: $ds}) WHERE m."+pUntil+" IS NULL AND m."+pSince+" < $v SET m."+pUntil+" = $v", par)
	})
	if err != nil {
		return fmt.Errorf("manifest of %s: %w", dataset, err)
	}
	// One goroutine compresses and writes the chunks while the entries of the next are read
	// and encoded.
	type chunk struct {
		raw, lines []byte
		seq        int64
	}
	chunks := make(chan chunk, 1)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		for c := range chunks {
			z, err := compressChunk(c.raw)
			if err != nil {
				return err
			}
			p := map[string]any{"ds": dataset, "v": v, "seq": c.seq, "data": z, "lines": c.lines}
			err = s.write(gctx, func(tx neo4j.ManagedTransaction) error {
				return run(gctx, tx, "CREATE (:"+labelManifest+" {ds: $ds, seq: $seq, data: $data, lines: $lines, "+pSince+": $v})", p)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	seq := int64(0)
	mw := manifestWriter{limit: manifestChunk, emit: func(raw, lines []byte) error {
		seq++
		select {
		case chunks <- chunk{raw, lines, seq}:
			return nil
		case <-gctx.Done():
			return gctx.Err()
		}
	}}
	err = func() error {
		defer close(chunks)
		for {
			e, ok, err := next()
			if err != nil {
				return err
			}
			if !ok {
				return mw.flush()
			}
			if err := mw.add(e); err != nil {
				return err
			}
		}
	}()
	if err := errors.Join(err, g.Wait()); err != nil {
		return fmt.Errorf("manifest of %s: %w", dataset, err)
	}
	return nil
}

// manifestWriter encodes entries into chunks of about limit bytes of records, handing each
// to emit (compressChunk compresses one). A record is the kind, the length of the prefix its key shares with
// the key before it in the chunk, the rest of the key and the hash (each with its length).
type manifestWriter struct {
	limit int
	emit  func(chunk, lines []byte) error
	raw   bytes.Buffer
	lines []byte
	prev  string
	num   [binary.MaxVarintLen64]byte
}

var noLine [LineHashBytes]byte

func (m *manifestWriter) add(e ManifestEntry) error {
	if len(e.Line) == LineHashBytes {
		m.lines = append(m.lines, e.Line...)
	} else {
		m.lines = append(m.lines, noLine[:]...)
	}
	common := sharedPrefix(m.prev, e.Key)
	m.raw.WriteByte(kindByte(e.Kind))
	m.raw.Write(m.num[:binary.PutUvarint(m.num[:], uint64(common))])
	writeString(&m.raw, m.num[:], e.Key[common:])
	writeString(&m.raw, m.num[:], e.Hash)
	m.prev = e.Key
	if m.raw.Len() >= m.limit {
		return m.flush()
	}
	return nil
}

// flush hands the chunk's records (uncompressed) and line hashes to emit, which keeps them.
func (m *manifestWriter) flush() error {
	if m.raw.Len() == 0 {
		return nil
	}
	raw, lines := m.raw.Bytes(), m.lines
	m.raw, m.lines, m.prev = bytes.Buffer{}, nil, ""
	return m.emit(raw, lines)
}

// compressChunk is the stored form of a chunk's records (decodeManifest reads it).
func compressChunk(raw []byte) ([]byte, error) {
	var z bytes.Buffer
	zw, err := gzip.NewWriterLevel(&z, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}

func writeString(b *bytes.Buffer, num []byte, s string) {
	b.Write(num[:binary.PutUvarint(num, uint64(len(s)))])
	b.WriteString(s)
}

func sharedPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

func kindByte(k FactKind) byte {
	if k == KindRel {
		return 'r'
	}
	return 'n'
}

// readManifest calls fn with every entry of dataset's current manifest, in key order; found
// is false when the dataset has none (it was loaded before manifests were written).
func (s *Store) readManifest(ctx context.Context, dataset string, fn func(kind FactKind, key, hash string) error) (found bool, err error) {
	found, _, err = s.ReadManifest(ctx, dataset, func(e ManifestEntry) error { return fn(e.Kind, e.Key, e.Hash) })
	return found, err
}

// ReadManifest calls fn with every entry of dataset's current manifest, in key order, with
// its line hash. found is false when the dataset has none (it was loaded before manifests
// were written); lines is false when a chunk holds no line hashes (written before they were).
func (s *Store) ReadManifest(ctx context.Context, dataset string, fn func(ManifestEntry) error) (found, lines bool, err error) {
	if err := s.firstConnection(ctx); err != nil {
		return false, false, err
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager()})
	defer func() { _ = session.Close(ctx) }()
	// During a sync no version is pending and nothing of a killed sync is left (BeginSync).
	cypher := currentVersionCypher + "MATCH (m:" + labelManifest + " {ds: $ds}) WHERE " + visibleAt("m", "cur") +
		" RETURN m.data AS data, m.lines AS lines ORDER BY m.seq"
	_, err = session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		found, lines = false, true
		res, err := tx.Run(ctx, cypher, map[string]any{"ds": dataset})
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			found = true
			data, err := column[[]byte](res.Record(), "data")
			if err != nil {
				return nil, err
			}
			hashes, _ := res.Record().Get("lines")
			lb, ok := hashes.([]byte)
			if !ok {
				lines, lb = false, nil
			}
			if err := decodeManifest(data, lb, fn); err != nil {
				return nil, err
			}
		}
		return nil, res.Err()
	})
	if err != nil {
		return false, false, fmt.Errorf("manifest of %s: %w", dataset, classify(ctx, err))
	}
	return found, found && lines, nil
}

// decodeManifest calls fn with each entry of a chunk, with its line hash from lines (none
// when lines is nil; an all-zero hash is none).
func decodeManifest(data, lines []byte, fn func(ManifestEntry) error) error {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return err
	}
	r := bufio.NewReaderSize(zr, 64<<10)
	var key, scratch []byte
	for {
		k, err := r.ReadByte()
		if errors.Is(err, io.EOF) {
			if len(lines) > 0 {
				return errors.New("a manifest chunk is corrupt: more line hashes than entries")
			}
			return nil
		}
		if err != nil {
			return err
		}
		common, err := binary.ReadUvarint(r)
		if err != nil {
			return fmt.Errorf("a manifest chunk is corrupt: %w", err)
		}
		if common > uint64(len(key)) {
			return errors.New("a manifest chunk is corrupt: a key shares more than the key before it")
		}
		key = key[:common]
		if key, err = readString(r, key); err != nil {
			return err
		}
		if scratch, err = readString(r, scratch[:0]); err != nil {
			return err
		}
		hash := scratch
		e := ManifestEntry{Kind: KindNode, Key: string(key), Hash: string(hash)}
		if k == 'r' {
			e.Kind = KindRel
		}
		if lines != nil {
			if len(lines) < LineHashBytes {
				return errors.New("a manifest chunk is corrupt: fewer line hashes than entries")
			}
			if l := lines[:LineHashBytes]; !bytes.Equal(l, noLine[:]) {
				e.Line = string(l)
			}
			lines = lines[LineHashBytes:]
		}
		if err := fn(e); err != nil {
			return err
		}
	}
}

// readString reads a string (its length, then its bytes) and appends it to b.
func readString(r *bufio.Reader, b []byte) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, fmt.Errorf("a manifest chunk is corrupt: %w", err)
	}
	if n > manifestChunk {
		return nil, errors.New("a manifest chunk is corrupt: a string longer than a chunk")
	}
	at := len(b)
	b = slices.Grow(b, int(n))[:at+int(n)]
	if _, err := io.ReadFull(r, b[at:]); err != nil {
		return nil, fmt.Errorf("a manifest chunk is corrupt: %w", err)
	}
	return b, nil
}
