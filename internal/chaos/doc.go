// Package chaos holds the fault tests of the hub (`make chaos`, build tag chaos) and its soak
// test (`make soak`): they build the hub binary, start, kill and restart their own Neo4j on
// loopback (scripts/neo4j.sh, a temporary data folder, CHAOS_NEO4J_PORT, default 7733) and
// drive the hub over HTTP. The package has no code of its own besides the tests.
package chaos
