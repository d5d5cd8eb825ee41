package store

import (
	"reflect"
	"testing"
)

// TestFieldsEncoding: the field list of each change of a batched Change node survives the
// round trip, whatever characters a property name holds; no fields is the empty string.
func TestFieldsEncoding(t *testing.T) {
	for _, fields := range [][]string{
		nil,
		{},
		{"note"},
		{"aliases", "name", "srcDocs"},
		{""},
		{"", ""},
		{"a,b", "c|d", "e\x00f", "g\nh", `"quoted" \ back`, "[x]", "名称", " "},
	} {
		enc, err := encodeFields(fields)
		if err != nil {
			t.Fatalf("encode %q: %v", fields, err)
		}
		if (len(fields) == 0) != (enc == "") {
			t.Errorf("encode %q = %q: want \"\" for no fields only", fields, enc)
		}
		got, err := decodeFields(enc)
		if err != nil {
			t.Fatalf("decode %q: %v", enc, err)
		}
		want := fields
		if want == nil {
			want = []string{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip of %q: %q (encoded %q)", fields, got, enc)
		}
	}
	if got, _ := encodeFields([]string{"note", "implied"}); got != `["note","implied"]` {
		t.Errorf("encoding %q, want a JSON array", got)
	}
	for _, bad := range []string{"note", "[", `{"a":1}`, "[1]"} {
		if _, err := decodeFields(bad); err == nil {
			t.Errorf("decode %q: no error", bad)
		}
	}
}
