//go:build race

package loader

// raceScale divides the sizes of the generated corpora of the long sync tests that run under
// the race detector (make test runs the loader's tests with it), which makes the hub's code
// several times slower: the same paths, concurrency included, over a third of the facts.
const raceScale = 3
