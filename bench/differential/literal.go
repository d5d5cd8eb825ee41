package differential

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// obj is a GraphQL input object literal whose fields keep the order they were added in.
type obj []kv

type kv struct {
	k string
	v any
}

// enum is an enum value literal (written without quotes).
type enum string

// literal writes a GraphQL value literal: obj, []any, enum, string, int, float64, bool or nil.
func literal(v any) string {
	var b strings.Builder
	writeLiteral(&b, v)
	return b.String()
}

func writeLiteral(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case obj:
		b.WriteByte('{')
		for i, f := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(f.k)
			b.WriteString(": ")
			writeLiteral(b, f.v)
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeLiteral(b, e)
		}
		b.WriteByte(']')
	case enum:
		b.WriteString(string(x))
	case string:
		// A JSON string is a GraphQL string (the escapes GraphQL knows are JSON's).
		j, _ := json.Marshal(x)
		b.Write(j)
	case int:
		b.WriteString(strconv.Itoa(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			b.WriteString(strconv.FormatFloat(x, 'f', 1, 64))
		} else {
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
		}
	case bool:
		b.WriteString(strconv.FormatBool(x))
	default:
		panic("differential: no literal for a " + strconv.Quote(strings.TrimSpace(typeName(v))))
	}
}

func typeName(v any) string {
	j, _ := json.Marshal(v)
	return string(j)
}
