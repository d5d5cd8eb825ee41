package server

import (
	"context"
	"sync"
)

// reqInfo carries what the GraphQL layer learns about a request back out to the request
// log: the operation's name. The logging middleware puts one in the request's context.
type reqInfo struct {
	mu        sync.Mutex
	operation string
}

type reqInfoKey struct{}

func withReqInfo(ctx context.Context) (context.Context, *reqInfo) {
	ri := &reqInfo{}
	return context.WithValue(ctx, reqInfoKey{}, ri), ri
}

// setOperationName records the operation's name for the request log ("" for anonymous).
func setOperationName(ctx context.Context, name string) {
	if ri, ok := ctx.Value(reqInfoKey{}).(*reqInfo); ok {
		ri.mu.Lock()
		if name == "" {
			name = "anonymous"
		}
		ri.operation = name
		ri.mu.Unlock()
	}
}

// operationName returns the recorded operation name, or "" when the request ran none.
func (ri *reqInfo) operationName() string {
	ri.mu.Lock()
	defer ri.mu.Unlock()
	return ri.operation
}
