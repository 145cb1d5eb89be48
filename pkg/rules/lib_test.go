package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// evalBuiltin evaluates a Rego query against the embedded policies, tests and
// fixtures included, and returns the value bound to x.
func evalBuiltin(t *testing.T, query string) any {
	t.Helper()
	files, err := builtinFiles(true)
	if err != nil {
		t.Fatal(err)
	}
	var opts []func(*rego.Rego)
	for _, f := range files {
		opts = append(opts, rego.Module(f.Name, string(f.Source)))
	}
	opts = append(opts, rego.Query(query), rego.Capabilities(capabilities()), rego.SetRegoVersion(ast.RegoV1))
	rs, err := rego.New(opts...).Eval(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	if len(rs) != 1 {
		t.Fatalf("%s: %d results", query, len(rs))
	}
	return rs[0].Bindings["x"]
}

// TestCollectionMatchesModel checks that lib.collection names every kind's
// collection as the Go model marshals it.
func TestCollectionMatchesModel(t *testing.T) {
	kinds := make([]string, 0, len(model.AllKinds))
	want := map[string]any{}
	for _, k := range model.AllKinds {
		kinds = append(kinds, strconv.Quote(string(k)))
		want[string(k)] = k.Collection()
	}
	got := evalBuiltin(t, `x := {k: data.lattice.lib.collection(k) | some k in [`+strings.Join(kinds, ", ")+`]}`)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lib.collection = %v\nwant %v", got, want)
	}
}

// TestFixturesMatchModel checks that every Rego test fixture is shaped like
// the JSON of the Go entity of its kind: the same top-level keys (optional
// Meta keys aside) and a strict decode into the Go type.
func TestFixturesMatchModel(t *testing.T) {
	samples, ok := evalBuiltin(t, `x := data.lattice.fixtures.samples`).([]any)
	if !ok || len(samples) == 0 {
		t.Fatal("data.lattice.fixtures.samples is empty")
	}
	optional := map[string]bool{"call_chain": true, "escaped": true, "unread": true, "conditional": true, "tags": true}
	seen := map[string]bool{}
	for _, s := range samples {
		obj := s.(map[string]any)
		kind := model.Kind(obj["kind"].(string))
		seen[string(kind)] = true
		e := newEntity(kind)
		if e == nil {
			t.Errorf("fixture of unknown kind %q", kind)
			continue
		}
		raw, err := json.Marshal(obj)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(e); err != nil {
			t.Errorf("fixture %s does not decode into %T: %v", kind, e, err)
			continue
		}
		want := jsonKeys(t, e)
		got := map[string]bool{}
		for k := range obj {
			got[k] = true
		}
		for k := range want {
			if !got[k] && !optional[k] {
				t.Errorf("fixture %s lacks key %q", kind, k)
			}
		}
		for k := range got {
			if !want[k] && !optional[k] {
				t.Errorf("fixture %s has key %q the model does not", kind, k)
			}
		}
	}
	if len(seen) < 20 {
		t.Errorf("fixtures cover %d kinds, want every kind the rules use", len(seen))
	}
}

func jsonKeys(t *testing.T, e model.Entity) map[string]bool {
	t.Helper()
	raw, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for k := range m {
		keys[k] = true
	}
	return keys
}

// newEntity returns a zero entity of a kind.
func newEntity(k model.Kind) model.Entity {
	if info := model.InfoOf(k); info != nil { // the kind registry, not a list of its own
		return info.New()
	}
	return nil
}
