package server

import (
	"encoding/json"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// marshalResponse is the envelope as json.Marshal wrote it before encodeResponse spliced the
// data in: the oracle of TestEncodeResponseSplicesTheData.
func marshalResponse(resp *graphql.Response, requestErr bool) []byte {
	var b []byte
	var err error
	if requestErr {
		b, err = json.Marshal(struct {
			Errors     gqlerror.List  `json:"errors"`
			Extensions map[string]any `json:"extensions,omitempty"`
		}{resp.Errors, resp.Extensions})
	} else {
		data := resp.Data
		if len(data) == 0 {
			data = json.RawMessage("null")
		}
		b, err = json.Marshal(struct {
			Errors     gqlerror.List   `json:"errors,omitempty"`
			Data       json.RawMessage `json:"data"`
			Extensions map[string]any  `json:"extensions,omitempty"`
		}{resp.Errors, data, resp.Extensions})
	}
	if err != nil {
		panic(err)
	}
	return b
}

// TestEncodeResponseSplicesTheData: the envelope with the data spliced in is byte for byte
// what json.Marshal made of it (errors, data and extensions in that order, each left out when
// json.Marshal's omitempty left it out; <, >, &, U+2028 and U+2029 escaped in the data), for
// request errors and executed operations, with and without errors and extensions.
func TestEncodeResponseSplicesTheData(t *testing.T) {
	e := gqlerror.Errorf("bad <thing> & more")
	e.Extensions = map[string]any{"code": "BAD_USER_INPUT"}
	ext := map[string]any{"dataVersion": 3, "statements": 1}
	datas := []json.RawMessage{
		nil,
		json.RawMessage(`null`),
		json.RawMessage(`{"tasks":[{"id":"task/a","name":"东营市改革","year":2021,"aliases":[],"x":null,"f":1.5}]}`),
		json.RawMessage(`{"s":"a<b>c&d","t":"line\u2028sep\u2029para","u":"\u003c already","q":"\"quoted\" \\ back"}`),
		json.RawMessage(`{"e":{}}`),
		json.RawMessage("{\"raw\":\"line\u2028sep\u2029para \u00e9\u2027\"}"), // the separators themselves, in UTF-8
	}
	n := 0
	for _, requestErr := range []bool{false, true} {
		for _, errs := range []gqlerror.List{nil, {}, {e}, {e, gqlerror.Errorf("two")}} {
			for _, x := range []map[string]any{nil, {}, ext} {
				for _, d := range datas {
					if requestErr && d != nil {
						continue // a request error has no data
					}
					resp := &graphql.Response{Errors: errs, Data: d, Extensions: x}
					want := string(marshalResponse(resp, requestErr))
					got := string(encodeResponse(resp, requestErr))
					if got != want {
						t.Errorf("requestErr %v, errors %v, extensions %v, data %s:\ngot  %s\nwant %s", requestErr, errs, x, d, got, want)
					}
					if !json.Valid([]byte(got)) {
						t.Errorf("invalid JSON: %s", got)
					}
					n++
				}
			}
		}
	}
	if n < 60 {
		t.Fatalf("only %d cases", n)
	}
}

// BenchmarkEncodeResponse: a response of 1,000 rows (about 150 KB), spliced against
// json.Marshal of the envelope.
func BenchmarkEncodeResponse(b *testing.B) {
	rows := []byte(`{"tasks":[`)
	for i := range 1000 {
		if i > 0 {
			rows = append(rows, ',')
		}
		rows = append(rows, `{"id":"task/qingdao-2017-67433","name":"青岛市2017年推进基层治理集成改革","nameEn":null,"area":"基层治理","status":"COMPLETED","year":2017,"planned":null,"completed":null}`...)
	}
	rows = append(rows, "]}"...)
	resp := &graphql.Response{Data: rows, Extensions: map[string]any{"dataVersion": 1, "statements": 1}}
	b.Run("spliced", func(b *testing.B) {
		for b.Loop() {
			encodeResponse(resp, false)
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		for b.Loop() {
			marshalResponse(resp, false)
		}
	})
}
