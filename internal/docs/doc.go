// Package docs holds no code: its tests keep the repository's documentation honest. README.md
// is the front door and stays short; the reference lives in docs/, and every relative link
// in either (to a file, a folder or a heading) must lead somewhere.
package docs
