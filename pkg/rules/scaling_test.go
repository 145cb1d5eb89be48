package rules

import (
	"context"
	"sort"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// TestEveryRuleScalesLinearly guards against a rule comparing every entity of
// a collection with every other: LAT-COR-017 compared each listener rule with
// all the others and LAT-QTA-001 scanned every target group for each service,
// 80 % of the evaluation at 10,000 resources. Each rule package is evaluated
// alone on the synthetic model at two sizes; four times the services must
// cost well under sixteen times the work. Work is counted as evaluation trace
// events, not timed, so a loaded machine cannot fail it.
func TestEveryRuleScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates every rule over 4,000 entities")
	}
	ctx := context.Background()
	e := newEngine(t, Options{})
	small, large := syntheticInput(t, 60), syntheticInput(t, 240)
	keys := make([]string, 0, len(e.byKey))
	for k := range e.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		q, err := e.Prepare(ctx, "x := data.lattice.rules."+k+".deny")
		if err != nil {
			t.Fatal(err)
		}
		steps := func(input ast.Value) int {
			var c eventCounter
			if _, err := q.q.Eval(ctx, rego.EvalParsedInput(input), rego.EvalQueryTracer(&c)); err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			return c.n
		}
		s, l := steps(small), steps(large)
		// The services and what hangs off them grow four times, the VPCs,
		// groups and networks do not: linear growth stays under four times.
		if ratio := float64(l) / float64(s); ratio > 5 {
			t.Errorf("%s: four times the services took %.1f times the evaluation steps (%d vs %d): the rule grows quadratically", k, ratio, l, s)
		}
	}
}

func syntheticInput(t *testing.T, services int) ast.Value {
	t.Helper()
	v, err := inputValue(syntheticModel(t, services))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
