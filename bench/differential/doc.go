// Package differential is the differential test of the hub against the Neo4j GraphQL Library
// 7.x (bench/neo4j-graphql) over one Neo4j with the same data: random read queries drawn from
// what both schemas accept (the generator walks the two schemas side by side, so a field, an
// argument or a filter is used only where both have it; v7 forms the hub lacks only behind a
// switch), sent to both servers, their data compared as the query promises — in order only
// where a sort asks for one, as multisets by id elsewhere — and every difference either
// explained by a decided divergence (Table, the table of docs/compatibility.md) or a failure.
//
// `make differential` (scripts/differential.sh) runs it over the shipped corpus and the
// synthetic corpus of `hub gen --size S`; `make bench` runs a short form in its check.
package differential
