//go:build !race

package loader

// raceScale: see race_on_test.go.
const raceScale = 1
