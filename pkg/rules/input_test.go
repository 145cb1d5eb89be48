package rules

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/parse"
)

// parsedModelJSON is the input as it was built before inputValue: the
// model's JSON text parsed by OPA.
func parsedModelJSON(t testing.TB, m *model.Model) ast.Value {
	t.Helper()
	raw, err := m.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	v, err := ast.ValueFromReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func assertSameInput(t *testing.T, name string, m *model.Model) {
	t.Helper()
	got, err := inputValue(m)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if want := parsedModelJSON(t, m); got.Compare(want) != 0 {
		path, g, w := firstDifference("input", got, want)
		t.Errorf("%s: the direct input differs from the parsed model JSON at %s\n got %.300v\nwant %.300v", name, path, g, w)
	}
}

// firstDifference descends into the first member of two values that differs.
func firstDifference(path string, got, want ast.Value) (string, ast.Value, ast.Value) {
	switch g := got.(type) {
	case ast.Object:
		w, ok := want.(ast.Object)
		if !ok {
			break
		}
		for _, k := range ast.NewSet(append(g.Keys(), w.Keys()...)...).Slice() {
			gv, wv := g.Get(k), w.Get(k)
			if gv == nil || wv == nil {
				return path + "." + k.String(), termValue(gv), termValue(wv)
			}
			if gv.Value.Compare(wv.Value) != 0 {
				return firstDifference(path+"."+k.String(), gv.Value, wv.Value)
			}
		}
	case *ast.Array:
		w, ok := want.(*ast.Array)
		if !ok || g.Len() != w.Len() {
			break
		}
		for i := range g.Len() {
			if g.Elem(i).Value.Compare(w.Elem(i).Value) != 0 {
				return firstDifference(fmt.Sprintf("%s[%d]", path, i), g.Elem(i).Value, w.Elem(i).Value)
			}
		}
	}
	return path, got, want
}

func termValue(t *ast.Term) ast.Value {
	if t == nil {
		return nil
	}
	return t.Value
}

// TestInputMatchesModelJSON is the safety net of inputValue: on every folder
// of fixtures (every rule case in every format, the examples, the malformed
// inputs) the value built from the model is exactly the value OPA parses
// from `lattice-lint model`'s JSON.
func TestInputMatchesModelJSON(t *testing.T) {
	root, err := filepath.Abs("../../fixtures")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return err
		}
		for _, e := range ents {
			if e.Type().IsRegular() && e.Name() != "expected.txt" && filepath.Ext(e.Name()) != ".go" {
				dirs = append(dirs, p)
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	entities := 0
	for _, dir := range dirs {
		res, err := parse.Load(context.Background(), []string{dir}, parse.Options{Root: dir})
		if err != nil {
			continue // an unusable argument (a fixture of bad paths): no model
		}
		entities += res.Model.Len()
		rel, _ := filepath.Rel(root, dir)
		assertSameInput(t, rel, res.Model)
	}
	if len(dirs) < 100 || entities < 1000 {
		t.Fatalf("compared %d folders holding %d entities: the fixtures were not found", len(dirs), entities)
	}
}

// TestInputMatchesModelJSONEdgeCases covers what the fixtures may not:
// invalid UTF-8, HTML characters, policy documents with numbers, nested
// arrays and nulls, tags, call chains, unknown and default attributes,
// empty and nil lists.
func TestInputMatchesModelJSONEdgeCases(t *testing.T) {
	r := rng(3, 1, 9)
	bad := "bad\xffname<&>\u2028"
	svc := &model.Service{Meta: meta("aws_vpclattice_service.s", 1),
		Name: model.Known(bad, r), AuthType: model.Default("NONE", r), CertificateARN: model.Unknown[string](r)}
	svc.Tags = map[string]string{"team": "a", bad: bad, "": ""}
	svc.CallChain = []model.Frame{{Address: "module.x", Range: r}}
	svc.Conditional = true
	pol := &model.AuthPolicy{Meta: meta("aws_vpclattice_auth_policy.p", 10),
		Resource: model.Ref{Target: svc.ID, Attribute: "arn", Range: r},
		Policy: model.Known[any](map[string]any{"Version": "2012-10-17", "n": 1.5, "big": 1e21, "neg": -3.0,
			"list": []any{nil, true, "x", []any{}}, "obj": map[string]any{}}, r),
		Size: model.Known(1<<40, r)}
	vpc := &model.VPC{Meta: meta("aws_vpc.v", 20), CIDRs: model.StringList{Known: true, Items: []model.Attr[string]{}}}
	ext := &model.External{Meta: meta("data.x.y", 30), For: model.KindService,
		Identifier: model.Known("arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-1", r)}
	lit := &model.Target{Meta: meta("aws_vpclattice_target_group_attachment.t", 40),
		Target: model.Ref{Literal: model.Known("10.0.0.1", r), Range: r}, TargetGroup: model.Ref{Range: r}}
	m := newModel(t, svc, pol, vpc, ext, lit)
	m.Accounts["111111111111"] = &model.Account{ID: "111111111111", Name: "prod"}
	assertSameInput(t, "edge cases", m)
	assertSameInput(t, "empty model", model.New())
}

// generatedModel reads a tree of about n resources from internal/scalegen.
func generatedModel(tb testing.TB, n int) *model.Model {
	tb.Helper()
	dir := tb.TempDir()
	if _, err := scalegen.Write(dir, scalegen.Terraform, scalegen.Spec{Resources: n, PerRoot: 100}); err != nil {
		tb.Fatal(err)
	}
	res, err := parse.Load(context.Background(), []string{dir}, parse.Options{Root: dir})
	if err != nil || res.Diagnostics.HasErrors() {
		tb.Fatalf("loading %d generated resources: %v %v", n, err, res.Diagnostics)
	}
	return res.Model
}

// TestInputGrowsLinearly counts the bytes the conversion allocates on
// generated Terraform trees: ten times the resources may cost at most eleven
// times the bytes (the caches of shared terms must not grow faster than the
// model).
func TestInputGrowsLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 5,500 generated resources")
	}
	allocated := func(resources int) uint64 {
		m := generatedModel(t, resources)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := inputValue(m); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := allocated(500), allocated(5000)
	t.Logf("500 resources: %d bytes, 5,000 resources: %d bytes", small, large)
	if float64(large) > 11*float64(small) {
		t.Errorf("10x the resources allocated %.1fx the bytes converting the model (%d vs %d)",
			float64(large)/float64(small), large, small)
	}
}

// BenchmarkInput converts the model of about 10,000 generated Terraform
// resources to the policies' input.
func BenchmarkInput(b *testing.B) {
	m := generatedModel(b, 10000)
	b.ReportMetric(float64(m.Len()), "entities")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := inputValue(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInputThroughJSON is the conversion inputValue replaced: the model
// JSON written and parsed by OPA.
func BenchmarkInputThroughJSON(b *testing.B) {
	m := generatedModel(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		parsedModelJSON(b, m)
	}
}
