package server

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reformhub/hub/graph"
)

// Variables are coerced exactly as the GraphQL specification says (CoerceVariableValues and
// the input coercion of each type), before anything reads them: a value of the wrong JSON type
// is a request error naming the variable, the path inside it and what was expected, never
// read as something else or ignored. gqlparser's own check is laxer (it lets "3" through as
// an Int and then leaves the string in place), so coerceVariables runs on the request's raw
// JSON values and replaces what gqlparser produced.
//
// Input coercion, per type:
//   - Int: a JSON number with an integral value in the 32-bit signed range (2 and 2.0, not
//     2.5, "2" or 3000000000);
//   - Float: a finite JSON number;
//   - String: a JSON string; Boolean: true or false;
//   - ID: a JSON string, or a JSON number with an integral value (read as its decimal text);
//   - an enum: a JSON string naming one of its values;
//   - an input object: a JSON object whose members are fields of the type, each coerced; a
//     field left out takes its default, and a required field without default must be given;
//   - a list: a JSON array, each element coerced; any other value is a list of that one value;
//   - null: for a nullable type only.

// strictVariables is the first operation-context extension: it replaces the variables
// gqlparser coerced with coerceVariables' result over the request's raw values (which the
// transport puts in the context), so that every later check and the resolvers read values of
// the declared types.
type strictVariables struct{ schema *ast.Schema }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = strictVariables{}

func (strictVariables) ExtensionName() string                   { return "StrictVariables" }
func (strictVariables) Validate(graphql.ExecutableSchema) error { return nil }

func (s strictVariables) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	raw, ok := ctx.Value(rawVariablesKey{}).(map[string]any)
	if !ok {
		raw = op.Variables // a request that did not come through the transport
	}
	vars, errs := coerceVariables(s.schema, op.Operation, raw)
	if len(errs) > 0 {
		if len(errs) > 1 {
			msgs := make([]string, len(errs))
			for i, e := range errs {
				msgs[i] = e.Message
			}
			errs[0].Message = strings.Join(msgs, " ")
		}
		return errs[0]
	}
	op.Variables = vars
	return nil
}

type rawVariablesKey struct{}

// withRawVariables records the request's variables as decoded from JSON, for strictVariables.
func withRawVariables(ctx context.Context, vars map[string]any) context.Context {
	if vars == nil {
		vars = map[string]any{}
	}
	return context.WithValue(ctx, rawVariablesKey{}, vars)
}

// variableError is the request error of one variable: code BAD_USER_INPUT, extensions.variable
// its name.
func variableError(name, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": graph.CodeBadUserInput, "variable": name}
	return err
}

// coerceVariables returns the operation's variable values coerced from raw, the request's
// JSON values (numbers as json.Number or float64): Int as int64, Float as float64, ID, String
// and enum values as string, input objects as map[string]any and lists as []any. A variable
// the operation does not declare is ignored, as the specification says.
func coerceVariables(schema *ast.Schema, op *ast.OperationDefinition, raw map[string]any) (map[string]any, gqlerror.List) {
	out := make(map[string]any, len(op.VariableDefinitions))
	var errs gqlerror.List
	for _, def := range op.VariableDefinitions {
		name := def.Variable
		val, given := raw[name]
		switch {
		case !given && def.DefaultValue != nil:
			v, err := def.DefaultValue.Value(nil)
			if err != nil {
				errs = append(errs, variableError(name, "Variable \"$%s\" has an invalid default value: %v", name, err))
				continue
			}
			// A default is a literal the validator checked; coerce it like a value to give
			// it the same Go types.
			c, msg := coerceInput(schema, def.Type, v, name)
			if msg != "" {
				errs = append(errs, variableError(name, "Variable \"$%s\" has an invalid default value: %s", name, msg))
				continue
			}
			out[name] = c
		case !given && def.Type.NonNull:
			errs = append(errs, variableError(name, "Variable \"$%s\" of required type \"%s\" was not provided.", name, def.Type.String()))
		case !given:
			// Absent and nullable: the variable has no value (not null).
		case val == nil && def.Type.NonNull:
			errs = append(errs, variableError(name, "Variable \"$%s\" of non-null type \"%s\" must not be null.", name, def.Type.String()))
		default:
			c, msg := coerceInput(schema, def.Type, val, name)
			if msg != "" {
				errs = append(errs, variableError(name, "Variable \"$%s\" got invalid value %s; %s", name, showJSON(val), msg))
				continue
			}
			out[name] = c
		}
	}
	return out, errs
}

// coerceInput coerces v to type t; at is the path of v inside its variable, for messages. It
// returns the coerced value, or a message saying what is wrong (and where, below the top).
func coerceInput(schema *ast.Schema, t *ast.Type, v any, at string) (any, string) {
	if v == nil {
		if t.NonNull {
			return nil, fmt.Sprintf("Expected non-nullable type \"%s\" not to be null%s.", t.String(), where(at))
		}
		return nil, ""
	}
	if t.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			// Input coercion of a list: a single value is a list of one.
			c, msg := coerceInput(schema, t.Elem, v, at)
			if msg != "" {
				return nil, msg
			}
			return []any{c}, ""
		}
		out := make([]any, len(list))
		for i, e := range list {
			c, msg := coerceInput(schema, t.Elem, e, at+"["+strconv.Itoa(i)+"]")
			if msg != "" {
				return nil, msg
			}
			out[i] = c
		}
		return out, ""
	}
	def := schema.Types[t.NamedType]
	if def == nil {
		return nil, fmt.Sprintf("Unknown type \"%s\".", t.NamedType)
	}
	switch def.Kind {
	case ast.Scalar:
		return coerceScalar(t.NamedType, v, at)
	case ast.Enum:
		s, ok := v.(string)
		if !ok || def.EnumValues.ForName(s) == nil {
			names := make([]string, len(def.EnumValues))
			for i, e := range def.EnumValues {
				names[i] = e.Name
			}
			return nil, fmt.Sprintf("Value %s does not exist in \"%s\" enum%s (one of %s).", showJSON(v), def.Name, where(at), strings.Join(names, ", "))
		}
		return s, ""
	case ast.InputObject:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Sprintf("Expected type \"%s\" to be an object%s.", def.Name, where(at))
		}
		out := make(map[string]any, len(m))
		for _, f := range def.Fields {
			fv, given := m[f.Name]
			if !given {
				switch {
				case f.DefaultValue != nil:
					dv, err := f.DefaultValue.Value(nil)
					if err == nil {
						if c, msg := coerceInput(schema, f.Type, dv, at+"."+f.Name); msg == "" {
							out[f.Name] = c
						}
					}
				case f.Type.NonNull:
					return nil, fmt.Sprintf("Field \"%s\" of required type \"%s\" was not provided%s.", f.Name, f.Type.String(), where(at))
				}
				continue
			}
			c, msg := coerceInput(schema, f.Type, fv, at+"."+f.Name)
			if msg != "" {
				return nil, msg
			}
			out[f.Name] = c
		}
		var unknown []string
		for k := range m {
			if def.Fields.ForName(k) == nil {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			return nil, fmt.Sprintf("Field \"%s\" is not defined by type \"%s\"%s.", unknown[0], def.Name, where(at))
		}
		return out, ""
	}
	return nil, fmt.Sprintf("\"%s\" is not an input type.", def.Name)
}

// coerceScalar coerces v to the built-in scalar name (the schema declares no other).
func coerceScalar(name string, v any, at string) (any, string) {
	switch name {
	case "Int":
		f, isNum := number(v)
		switch {
		case !isNum || f != math.Trunc(f) || math.IsInf(f, 0):
			return nil, fmt.Sprintf("Int cannot represent non-integer value: %s%s", showJSON(v), where(at))
		case f > math.MaxInt32 || f < math.MinInt32:
			return nil, fmt.Sprintf("Int cannot represent non 32-bit signed integer value: %s%s", showJSON(v), where(at))
		}
		return int64(f), ""
	case "Float":
		f, isNum := number(v)
		if !isNum || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, fmt.Sprintf("Float cannot represent non numeric value: %s%s", showJSON(v), where(at))
		}
		return f, ""
	case "String":
		if s, ok := v.(string); ok {
			return s, ""
		}
		return nil, fmt.Sprintf("String cannot represent a non string value: %s%s", showJSON(v), where(at))
	case "Boolean":
		if b, ok := v.(bool); ok {
			return b, ""
		}
		return nil, fmt.Sprintf("Boolean cannot represent a non boolean value: %s%s", showJSON(v), where(at))
	case "ID":
		if s, ok := v.(string); ok {
			return s, ""
		}
		if f, isNum := number(v); isNum && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return strconv.FormatInt(int64(f), 10), ""
		}
		return nil, fmt.Sprintf("ID cannot represent value: %s%s", showJSON(v), where(at))
	}
	return nil, fmt.Sprintf("Unknown scalar \"%s\".", name)
}

// number returns the value of a JSON number (json.Number when decoded with UseNumber, else
// float64; Go integers from callers in process).
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case int:
		return float64(n), true
	case int32:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

// where names the place of a value inside its variable, when it is not the variable itself.
func where(at string) string {
	if strings.ContainsAny(at, ".[") {
		return " at \"" + at + "\""
	}
	return ""
}

// showJSON is v as JSON text, shortened for a message.
func showJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}
