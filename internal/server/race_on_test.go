//go:build race

package server_test

// slowdown is how much slower the race detector makes the hub's CPU-bound work (parsing and
// validating a hostile document): the bounds of TestBadRequests are multiplied by it.
const slowdown = 10
