package store

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// Connections (Relay style, as in the Neo4j GraphQL Library v7). A cursor is the base64 of
// "arrayconnection:<offset>" — v7's format: opaque to clients, and stable while the data and
// the query (filter and sort) are unchanged, because every order ends with the entity id (and
// on relationship-field connections the relationship type), so it is total.

const cursorPrefix = "arrayconnection:"

func encodeCursor(offset int64) string {
	return base64.StdEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatInt(offset, 10)))
}

func decodeCursor(c string) (int64, error) {
	b, err := base64.StdEncoding.DecodeString(c)
	if err != nil {
		return 0, badInput("cursor %q is not one this server issued", c)
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(string(b), cursorPrefix), 10, 64)
	if err != nil || !strings.HasPrefix(string(b), cursorPrefix) || n < 0 {
		return 0, badInput("cursor %q is not one this server issued", c)
	}
	return n, nil
}
