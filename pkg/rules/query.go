package rules

import (
	"context"
	"errors"
	"fmt"
	"sync"

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
	q, err := e.prepareQuery(ctx, query, inmem.NewFromObject(Data(e.config)))
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
	ctx, stop := e.limit(ctx)
	defer stop()
	rs, err := q.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return nil, e.evalError(ctx, err)
	}
	return rs, nil
}

// limit bounds ctx by the engine's time limit and its limit on the heap's
// growth.
func (e *Engine) limit(ctx context.Context) (context.Context, context.CancelFunc) {
	cancelTime := context.CancelFunc(func() {})
	if e.timeout > 0 {
		ctx, cancelTime = context.WithTimeout(ctx, e.timeout)
	}
	ctx, stopWatch := watchHeap(ctx, e.memory)
	return ctx, func() {
		stopWatch()
		cancelTime()
	}
}

// evalDenies evaluates the deny queries at once over one input, within one
// time limit and one limit on the heap's growth for them all, and returns
// the deny set of every rule package by package key. The first error stops
// the others.
func (e *Engine) evalDenies(ctx context.Context, input ast.Value) (map[string]any, error) {
	if err := ctx.Err(); err != nil {
		return nil, e.evalError(ctx, err)
	}
	ctx, stop := e.limit(ctx)
	defer stop()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	results := make([]map[string]any, len(e.queries))
	errs := make([]error, len(e.queries))
	next := make(chan int, len(e.queries))
	for i := range e.queries {
		next <- i
	}
	close(next)
	// Each worker runs queries until the channel is empty or one fails, so a
	// query left unrun always comes with an error.
	var wg sync.WaitGroup
	for range min(e.parallel, len(e.queries)) {
		wg.Go(func() {
			for i := range next {
				rs, err := e.queries[i].Eval(ctx, rego.EvalParsedInput(input))
				if err != nil {
					err = e.evalError(ctx, err)
				} else {
					results[i], err = denySets(rs)
				}
				if err != nil {
					errs[i] = err
					cancel(err)
					return
				}
			}
		})
	}
	wg.Wait()
	// The error that stopped the others, not theirs about being stopped.
	cause := context.Cause(ctx)
	for _, err := range errs {
		if err != nil && err == cause {
			return nil, err
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	out := map[string]any{}
	for _, r := range results {
		for k, v := range r {
			out[k] = v
		}
	}
	return out, nil
}

// denySets reads the object a deny query binds to x.
func denySets(rs rego.ResultSet) (map[string]any, error) {
	if len(rs) != 1 {
		return nil, fmt.Errorf("rules: policy query returned %d results, want 1", len(rs))
	}
	denies, ok := rs[0].Bindings["x"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("rules: policy query returned %T, want an object", rs[0].Bindings["x"])
	}
	return denies, nil
}
