//go:build race

package loader

// raceScale divides the sizes of the generated corpora of TestStreamedSyncGeneratedCorpora
// under the race detector (make test runs it so; the loader's three longest syncs run without
// it), which makes the hub's code several times slower: the same paths, its three workers
// included, over a third of the facts.
const raceScale = 3
