package store

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestZZQuery(t *testing.T) {
	uri := os.Getenv("SCRATCH_URI")
	if uri == "" {
		t.Skip()
	}
	s, err := Open(Options{URI: uri})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	res, err := neo4j.ExecuteQuery(context.Background(), s.driver, os.Getenv("SCRATCH_CY"), nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Records {
		fmt.Println(r.Values...)
	}
	fmt.Println(time.Since(t0))
}
