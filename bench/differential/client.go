package differential

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Client posts GraphQL to the two servers.
type Client struct {
	Hub, Lib string // the GraphQL endpoints
	HTTP     *http.Client
}

// NewClient returns a client of the hub and the library at their GraphQL URLs.
func NewClient(hub, lib string) *Client {
	return &Client{Hub: hub, Lib: lib, HTTP: &http.Client{Timeout: 30 * time.Second}}
}

// Answer is a GraphQL response as the comparison reads it.
type Answer struct {
	Status int             `json:"-"`
	Data   json.RawMessage `json:"data"`
	Errors json.RawMessage `json:"errors"`
}

// Post sends query to the endpoint u and decodes the answer, whatever its HTTP status (a
// refused query is an answer too); a transport failure or a body that is not a GraphQL
// response is an error.
func (c *Client) Post(ctx context.Context, u, query string) (*Answer, error) {
	body, err := json.Marshal(map[string]string{"query": query})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	a := &Answer{Status: resp.StatusCode}
	if err := json.Unmarshal(b, a); err != nil {
		return nil, fmt.Errorf("HTTP %d, not a GraphQL response: %.200s", resp.StatusCode, b)
	}
	if string(a.Errors) == "null" {
		a.Errors = nil
	}
	return a, nil
}

// SDL fetches a server's schema from /schema.graphql next to its GraphQL endpoint (the hub
// serves it; so does bench/neo4j-graphql/server.mjs).
func (c *Client) SDL(ctx context.Context, endpoint string) (string, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "", err
	}
	u.Path, u.RawQuery = "/schema.graphql", ""
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return "", err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return "", err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: HTTP %d", u, resp.StatusCode)
	}
	return string(b), nil
}
