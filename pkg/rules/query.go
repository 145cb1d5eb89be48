package rules

import (
	"context"
	"errors"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// Query is a query prepared over the engine's compiled policies, for analyses
// that reuse the rules' library over the same input (reachability asks
// data.lattice.lib.reach_answer): the rules and the analysis then evaluate the
// very same functions and cannot disagree.
type Query struct {
	q rego.PreparedEvalQuery
	e *Engine
}

// Prepare compiles query, which must bind the variable x (x := data.…).
func (e *Engine) Prepare(ctx context.Context, query string) (*Query, error) {
	q, err := rego.New(append(boundedFunctions(e.valueBytes),
		rego.Query(query),
		rego.Compiler(e.compiler),
		rego.Capabilities(e.compiler.Capabilities()),
		rego.Store(inmem.NewFromObject(Data(e.config))),
	)...).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("rules: preparing %q: %w", query, err)
	}
	return &Query{q: q, e: e}, nil
}

// Eval evaluates the query over the model, with extra top-level input keys
// (which must not be model collections), and returns x as JSON-like values
// (map[string]any, []any, string, json.Number, bool, nil). It returns nil
// when x is undefined.
func (q *Query) Eval(ctx context.Context, m *model.Model, extra map[string]any) (any, error) {
	if m == nil {
		return nil, errors.New("rules: no model to evaluate")
	}
	input, err := modelInput(m)
	if err != nil {
		return nil, err
	}
	obj, ok := input.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("rules: the model input is %T, want an object", input)
	}
	for k, v := range extra {
		key := ast.StringTerm(k)
		if obj.Get(key) != nil {
			return nil, fmt.Errorf("rules: input key %q is a model collection", k)
		}
		val, err := ast.InterfaceToValue(v)
		if err != nil {
			return nil, fmt.Errorf("rules: input key %q: %w", k, err)
		}
		obj.Insert(key, ast.NewTerm(val))
	}
	rs, err := q.e.eval(ctx, q.q, obj)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, nil
	}
	return rs[0].Bindings["x"], nil
}

// modelInput is the input document of a model, the one Evaluate builds.
func modelInput(m *model.Model) (ast.Value, error) {
	return inputValue(m)
}

// eval evaluates a prepared query within the engine's time and memory limits.
func (e *Engine) eval(ctx context.Context, q rego.PreparedEvalQuery, input ast.Value) (rego.ResultSet, error) {
	if e.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, e.timeout)
		defer cancel()
	}
	ctx, stop := watchHeap(ctx, e.memory)
	defer stop()
	rs, err := q.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return nil, e.evalError(ctx, err)
	}
	return rs, nil
}
