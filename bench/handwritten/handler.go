// Package handwritten is the lower bound of `make bench`: a minimal HTTP handler that knows
// each bench workload by its operationName and answers it with one hand-written Cypher
// statement through the official driver, building the same JSON as the GraphQL servers. It
// parses no GraphQL: the query text is ignored, only operationName and variables are read.
package handwritten

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/store"
)

// op is one workload's statement and how its single row becomes the response's data.
type op struct {
	cypher string
	// params turns the request's variables into statement parameters.
	params func(vars map[string]any) (map[string]any, error)
	// data builds the data object from the one record.
	data func(rec *neo4j.Record) (map[string]any, error)
}

// typeOf is the GraphQL type name of node n: its label other than Entity.
const typeOf = "[l IN labels(n) WHERE l <> 'Entity'][0]"

// Paths: the bench's workload asks for at most pathHops hops and pathLimit paths.
const (
	pathHops  = 3
	pathLimit = 5
)

// pathPattern is the simple path pattern of the hub's paths (at most pathHops hops).
var pathPattern = "((a)(()-[]-(x:Entity)){1," + fmt.Sprint(pathHops) + "}(b) WHERE NOT a IN x AND all(i IN range(0, size(x) - 2) WHERE NOT x[i] IN x[i + 1..]))"

// pathsCypher is the hub's two path statements in one: the pathLimit shortest paths tell how
// many length groups the answer spans (g), then every path of those g shortest lengths,
// ordered as the hub orders them (one UNION branch per possible g: SHORTEST counts are
// literals in Cypher).
func pathsCypher() string {
	branches := ""
	for k := 1; k <= pathHops; k++ {
		if k > 1 {
			branches += " UNION "
		}
		branches += fmt.Sprintf("WITH a, b, g WITH a, b WHERE g = %d MATCH p = SHORTEST %d GROUPS %s RETURN p", k, k, pathPattern)
	}
	return `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CALL { WITH a, b MATCH p = SHORTEST ` + fmt.Sprint(pathLimit) + ` ` + pathPattern + `
  RETURN count(DISTINCT length(p)) AS g }
CALL { ` + branches + ` }
WITH p ORDER BY length(p), [n IN nodes(p) | n.id], [r IN relationships(p) | [type(r), startNode(r).id]]
LIMIT ` + fmt.Sprint(pathLimit) + `
RETURN collect({length: length(p),
  nodes: [n IN nodes(p) | {__typename: ` + typeOf + `, id: n.id, name: n.name}],
  relationships: [r IN relationships(p) | {type: type(r), implied: r.implied}]}) AS paths`
}

func ops() map[string]op {
	return map[string]op{
		"EntityById": {
			cypher: `OPTIONAL MATCH (n:Entity {id: $id})
RETURN CASE WHEN n IS NULL THEN null WHEN n:Task
  THEN n {__typename: 'Task', .id, .name, .nameEn, .aliases, .description, .area, .year, .status, .planned, .completed}
  ELSE n {__typename: ` + typeOf + `, .id, .name, .nameEn, .aliases, .description} END AS entity`,
			params: pass("id"),
			data:   columns("entity"),
		},
		"FilteredList": {
			cypher: `MATCH (n:Task) WHERE n.status IN ['IN_PROGRESS', 'COMPLETED'] OR n.year >= $year
WITH n ORDER BY n.year DESC, n.name ASC, n.id ASC SKIP $offset LIMIT 20
RETURN collect(n {.id, .name, .year, .status, .area}) AS tasks`,
			params: pass("year", "offset"),
			data:   columns("tasks"),
		},
		"NestedTraversal": {
			cypher: `MATCH (d:Department) WHERE d.id IN $ids
WITH d ORDER BY d.id LIMIT 10
RETURN collect(d {.id, .name,
  tasks: COLLECT { MATCH (d)-[:RESPONSIBLE_FOR]->(t:Task) WITH DISTINCT t ORDER BY t.id LIMIT 10
    RETURN t {.id, .name, .status,
      policies: COLLECT { MATCH (t)-[:IMPLEMENTS]->(p:Policy) WITH DISTINCT p ORDER BY p.id LIMIT 5
        RETURN p {.id, .name, .kind} } } } }) AS departments`,
			params: pass("ids"),
			data:   columns("departments"),
		},
		"PathBetween": {
			cypher: pathsCypher(),
			params: pass("from", "to"),
			data:   columns("paths"),
		},
		"Search": {
			// The hub's ranking: the full-text score plus a tier for where the query text stands
			// in the entity's own texts (exact, prefix, inside a name, the English name, the
			// description); ties to the shorter name, then the id.
			cypher: `CALL db.index.fulltext.queryNodes('` + store.FullTextIndex + `', $q) YIELD node AS n, score
WITH n, score, toLower(n.name) AS nm, toLower(coalesce(n.nameEn, '')) AS en,
     [a IN coalesce(n.aliases, []) | toLower(a)] AS al
WITH n, score + CASE
    WHEN nm = $lq OR en = $lq OR $lq IN al THEN 500.0
    WHEN nm STARTS WITH $lq OR en STARTS WITH $lq OR any(a IN al WHERE a STARTS WITH $lq) THEN 400.0
    WHEN nm CONTAINS $lq OR any(a IN al WHERE a CONTAINS $lq) THEN 300.0
    WHEN en CONTAINS $lq THEN 200.0
    WHEN toLower(coalesce(n.description, '')) CONTAINS $lq THEN 100.0
    ELSE 0.0 END AS score
ORDER BY score DESC, size(n.name) ASC, n.id ASC LIMIT 10
RETURN collect({score: score, entity: {__typename: ` + typeOf + `, id: n.id, name: n.name}}) AS search`,
			params: func(vars map[string]any) (map[string]any, error) {
				q, _ := vars["q"].(string)
				if q == "" {
					return nil, errors.New("variable q is required")
				}
				q = strings.TrimSpace(q)
				return map[string]any{"q": store.LuceneQuery(q), "lq": strings.ToLower(q)}, nil
			},
			data: columns("search"),
		},
		"Counts": {
			cypher: `CALL { MATCH (n:Task) RETURN count(n) AS tasks, min(n.year) AS minYear, max(n.year) AS maxYear }
CALL { MATCH (n:Department) RETURN count(n) AS departments }
RETURN {totalCount: tasks, aggregate: {count: {nodes: tasks}, node: {year: {min: minYear, max: maxYear}}}} AS tasksConnection,
       {totalCount: departments} AS departmentsConnection`,
			params: pass(),
			data:   columns("tasksConnection", "departmentsConnection"),
		},
		"Rows1000": {
			cypher: `MATCH (n:Task) WITH n ORDER BY n.id LIMIT 1000
RETURN collect(n {.id, .name, .nameEn, .area, .year, .status, .planned, .completed}) AS tasks`,
			params: pass(),
			data:   columns("tasks"),
		},
	}
}

// pass copies the named variables into the parameters; JSON numbers that are integers become
// int64 (Cypher compares them as integers, like the GraphQL servers' Int).
func pass(names ...string) func(map[string]any) (map[string]any, error) {
	return func(vars map[string]any) (map[string]any, error) {
		p := make(map[string]any, len(names))
		for _, n := range names {
			v, ok := vars[n]
			if !ok {
				return nil, fmt.Errorf("variable %s is required", n)
			}
			if f, isNum := v.(float64); isNum && f == float64(int64(f)) {
				v = int64(f)
			}
			p[n] = v
		}
		return p, nil
	}
}

// columns makes the named columns of the record the data's fields.
func columns(names ...string) func(*neo4j.Record) (map[string]any, error) {
	return func(rec *neo4j.Record) (map[string]any, error) {
		out := make(map[string]any, len(names))
		for _, n := range names {
			v, ok := rec.Get(n)
			if !ok {
				return nil, fmt.Errorf("no column %s", n)
			}
			out[n] = v
		}
		return out, nil
	}
}

// Handler answers POST requests whose operationName is one of the bench workloads.
type Handler struct {
	driver   neo4j.DriverWithContext
	database string
	ops      map[string]op
}

// New returns the handler over driver (database "" is the server's default).
func New(driver neo4j.DriverWithContext, database string) *Handler {
	return &Handler{driver: driver, database: database, ops: ops()}
}

// Operations returns the operation names the handler knows.
func (h *Handler) Operations() []string {
	out := make([]string, 0, len(h.ops))
	for k := range h.ops {
		out = append(out, k)
	}
	return out
}

type request struct {
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	var req request
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "bad request body: "+err.Error())
		return
	}
	data, err := h.Answer(r.Context(), req.OperationName, req.Variables)
	if err != nil {
		writeError(w, http.StatusOK, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	// One ExecuteQuery per request: one statement, reported like the hub's dev mode does.
	_ = enc.Encode(map[string]any{"data": data, "extensions": map[string]any{"statements": 1}})
}

// Answer runs the statement of operation with vars and returns the data object.
func (h *Handler) Answer(ctx context.Context, operation string, vars map[string]any) (map[string]any, error) {
	o, ok := h.ops[operation]
	if !ok {
		return nil, fmt.Errorf("unknown operation %q", operation)
	}
	params, err := o.params(vars)
	if err != nil {
		return nil, err
	}
	res, err := neo4j.ExecuteQuery(ctx, h.driver, o.cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(h.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", operation, err)
	}
	if len(res.Records) != 1 {
		return nil, fmt.Errorf("%s: %d records, want 1", operation, len(res.Records))
	}
	return o.data(res.Records[0])
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]any{{"message": msg}}})
}
