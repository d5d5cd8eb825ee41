package server

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/reformhub/hub/internal/dataversion"
)

// maxEventStreams bounds the /events streams open at once: each holds a connection and polls
// the data version.
const maxEventStreams = 256

// eventsHeartbeat is how often an idle stream gets a comment line, so that proxies keep it.
const eventsHeartbeat = 15 * time.Second

// eventsHandler serves GET /events, a server-sent events stream: first a `dataVersion` event
// with the current data version, then a `dataChanged` event each time a new version is live
// (within the watcher's interval of the sync that made it, whichever hub process serves the
// stream). Each event's data is {"version": N, "at": "RFC 3339 time"}.
func eventsHandler(w *dataversion.Watcher, log *slog.Logger) http.Handler {
	slots := make(chan struct{}, maxEventStreams)
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		default:
			rw.Header().Set("Retry-After", "10")
			http.Error(rw, "too many event streams", http.StatusServiceUnavailable)
			return
		}
		ctx := r.Context()
		rc := http.NewResponseController(rw)
		cur, err := w.Current(ctx)
		if err != nil {
			log.WarnContext(ctx, "events: reading the data version", "err", err)
		}
		updates, stop := w.Subscribe()
		defer stop()
		h := rw.Header()
		h.Set("Content-Type", "text/event-stream")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Accel-Buffering", "no")
		send := func(event string, v dataversion.Version) bool {
			// The server's write timeout is for requests, not for this stream.
			_ = rc.SetWriteDeadline(time.Now().Add(time.Minute))
			data, _ := json.Marshal(v) // a Version always encodes
			if _, err := fmt.Fprintf(rw, "event: %s\ndata: %s\n\n", event, data); err != nil {
				return false
			}
			return rc.Flush() == nil
		}
		if !send("dataVersion", cur) {
			return
		}
		poll := time.NewTicker(w.Interval())
		defer poll.Stop()
		beat := time.NewTicker(eventsHeartbeat)
		defer beat.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-poll.C:
				// Drives the watcher: a new version reaches every subscriber.
				_, _ = w.Current(ctx)
			case v := <-updates:
				if v.N != cur.N {
					cur = v
					if !send("dataChanged", v) {
						return
					}
				}
			case <-beat.C:
				_ = rc.SetWriteDeadline(time.Now().Add(time.Minute))
				if _, err := fmt.Fprint(rw, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
					return
				}
			}
		}
	})
}
