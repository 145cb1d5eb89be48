package rules

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/parse"
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
		t.Skip("evaluates every rule over 8,000 entities")
	}
	ctx := context.Background()
	e := newEngine(t, Options{})
	// Two shapes: the synthetic model, and the generated multi-account
	// Terraform trees the benchmarks lint (access logs, auth policies and
	// shares on every service), each at two sizes.
	inputs := [][2]ast.Value{
		{syntheticInput(t, 60), syntheticInput(t, 240)},
		{scaleTreeInput(t, 1000), scaleTreeInput(t, 4000)},
	}
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
		for _, in := range inputs {
			s, l := steps(in[0]), steps(in[1])
			// The services and what hangs off them grow four times, the
			// VPCs, groups and networks at most as much: linear growth stays
			// under four times. (A rule of a few hundred steps may grow
			// faster by a handful of entities; quadratic ones are far larger.)
			if ratio := float64(l) / float64(s); ratio > 5 && l > 10000 {
				t.Errorf("%s: four times the services took %.1f times the evaluation steps (%d vs %d): the rule grows quadratically", k, ratio, l, s)
			}
		}
	}
}

// TestNoRuleHasAVariableKey guards against what TestEveryRuleScalesLinearly
// cannot see: a rule whose head has a variable key (p[k] contains v,
// p[k] := v) costs OPA time quadratic in its keys, inside the evaluator,
// while the evaluation steps it traces grow linearly (5,000 keys took 1 s,
// 20,000 took 16 s; LAT-HYG-001's name groups took 96 s at 100,000
// resources). The same groups built by an object comprehension over a list of
// [key, value] pairs, indexed by OPA (see name_format_and_tags.rego), are
// linear.
func TestNoRuleHasAVariableKey(t *testing.T) {
	e := newEngine(t, Options{})
	names := make([]string, 0, len(e.compiler.Modules))
	for name := range e.compiler.Modules {
		names = append(names, name)
	}
	sort.Strings(names)
	checked := 0
	for _, name := range names {
		for _, r := range e.compiler.Modules[name].Rules {
			if len(r.Head.Args) > 0 { // a function: its arguments are not keys
				continue
			}
			checked++
			for _, key := range r.Head.Ref()[1:] {
				if !key.IsGround() {
					t.Errorf("%s:%d: rule %v has a variable key: build the object with a comprehension instead", name, r.Location.Row, r.Head.Ref())
					break
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("checked %d rules: the policies were not loaded", checked)
	}
}

// scaleTreeInput is the policy input of a generated Terraform tree.
func scaleTreeInput(t *testing.T, resources int) ast.Value {
	t.Helper()
	v, err := inputValue(scaleTreeModel(t, resources))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// scaleTreeModel is the model of a generated Terraform tree of about
// resources resources.
func scaleTreeModel(t testing.TB, resources int) *model.Model {
	t.Helper()
	tree, err := scalegen.Write(t.TempDir(), scalegen.Terraform, scalegen.Spec{Resources: resources})
	if err != nil {
		t.Fatal(err)
	}
	// The tree's configuration names each root's account and Region, as a
	// user's would: rules that group by account only do work with it.
	cfg, err := config.Load(filepath.Join(tree.Dir, config.DefaultFile))
	if err != nil {
		t.Fatal(err)
	}
	pr, err := parse.Load(context.Background(), []string{tree.Dir}, parse.Options{Root: tree.Dir, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	return pr.Model
}

func syntheticInput(t *testing.T, services int) ast.Value {
	t.Helper()
	v, err := inputValue(syntheticModel(t, services))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
