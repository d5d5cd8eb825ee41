package store

import (
	"context"
	"fmt"
	"time"

	"github.com/reformhub/hub/internal/dataversion"
	"github.com/reformhub/hub/internal/plan"
)

// The snapshot a read is compiled at (staging.go): the data version dv it reads and whether
// a version is pending (published, not yet applied). In plain mode (none pending) the
// statements match labels and types only; in pending mode every pattern carries the version
// conditions at dv. Either way $dv is a parameter of the statements that read Assertion and
// Change nodes.

// snapshotQuery reads the current version, when it became current and the pending version
// (absent when none is).
const snapshotQuery = "MATCH (m:" + labelMeta + " {id: 'hub'}) RETURN m.version AS v, m.at AS at, m." + metaPending + " AS pending, " +
	"coalesce(m." + metaEpoch + ", 0) AS epoch"

// readVersion reads the current data version and the version pending (0 when none is);
// observed by Options.Observe when observe is set.
func (s *Store) readVersion(ctx context.Context, observe bool) (dataversion.Version, error) {
	recs, err := s.run(ctx, "DataVersion", snapshotQuery, nil, observe)
	if err != nil {
		return dataversion.Version{}, fmt.Errorf("data version: %w", err)
	}
	if len(recs) == 0 {
		return dataversion.Version{}, nil
	}
	var out dataversion.Version
	if v, _ := recs[0].Get("v"); v != nil {
		n, ok := v.(int64)
		if !ok {
			return out, fmt.Errorf("data version: version is %T, want an integer", v)
		}
		out.N = n
	}
	at, _ := recs[0].Get("at")
	out.At, _ = at.(time.Time)
	epoch, _ := recs[0].Get("epoch")
	out.Epoch, _ = epoch.(int64)
	if p, _ := recs[0].Get("pending"); p != nil {
		n, ok := p.(int64)
		if !ok {
			return out, fmt.Errorf("data version: pending is %T, want an integer", p)
		}
		out.Pending = n
	}
	return out, nil
}

// readSnapshot is the snapshot a read of root runs at: the one the server put in ctx (the
// version the request is served at), else the current one, read now (a bookkeeping read that
// neither a StatementCounter counts nor Options.Observe sees: a request through the server
// always carries its snapshot, read by the server's watcher, which is observed).
func (s *Store) readSnapshot(ctx context.Context, root *plan.Root) (dataversion.Version, error) {
	if v, ok := dataversion.From(ctx); ok {
		return v, nil
	}
	return s.readVersion(uncounted(ctx), false)
}
