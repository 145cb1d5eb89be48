package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestInputSchemaIsFresh fails when policies/schemas/input.json no longer
// matches the model: run `go generate ./pkg/schema`.
func TestInputSchemaIsFresh(t *testing.T) {
	want, err := InputSchema()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", InputSchemaPath))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run `go generate ./pkg/schema`", InputSchemaPath)
	}
}

// TestModelGoldensMatchInputSchema validates the model goldens of every front
// end against the schema: every key the model writes is declared, with its type.
func TestModelGoldensMatchInputSchema(t *testing.T) {
	raw, err := InputSchema()
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(raw, &root); err != nil {
		t.Fatal(err)
	}
	goldens := []string{"../../cmd/lattice-lint/testdata/multi-account.model.golden.json"}
	for _, pattern := range []string{"../parse/terraform/testdata/models/*.json", "../parse/cloudformation/testdata/model/*.golden.json"} {
		m, _ := filepath.Glob(pattern)
		goldens = append(goldens, m...)
	}
	if len(goldens) < 5 {
		t.Fatalf("found only %d model goldens", len(goldens))
	}
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		v := validator{root: root}
		v.check(root, doc, "input")
		for _, e := range v.errs[:min(len(v.errs), 10)] {
			t.Errorf("%s: %s", filepath.Base(g), e)
		}
	}
}

// validator checks the subset of JSON Schema the generator writes.
type validator struct {
	root map[string]any
	errs []string
}

func (v *validator) check(s map[string]any, x any, path string) {
	if ref, ok := s["$ref"].(string); ok {
		s = v.root["definitions"].(map[string]any)[strings.TrimPrefix(ref, "#/definitions/")].(map[string]any)
	}
	if typ, ok := s["type"]; ok && !typeMatches(typ, x) {
		v.errs = append(v.errs, fmt.Sprintf("%s: %T is not %v", path, x, typ))
		return
	}
	switch x := x.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for k, val := range x {
			if p, ok := props[k].(map[string]any); ok {
				v.check(p, val, path+"."+k)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					v.errs = append(v.errs, fmt.Sprintf("%s: key %q is not in the schema", path, k))
				}
			case map[string]any:
				v.check(ap, val, path+"["+k+"]")
			}
		}
		for _, r := range asStrings(s["required"]) {
			if _, ok := x[r]; !ok {
				v.errs = append(v.errs, fmt.Sprintf("%s: required key %q is missing", path, r))
			}
		}
	case []any:
		switch items := s["items"].(type) {
		case map[string]any:
			for i, it := range x {
				v.check(items, it, fmt.Sprintf("%s[%d]", path, i))
			}
		case []any:
			for i, it := range x {
				if i < len(items) {
					v.check(items[i].(map[string]any), it, fmt.Sprintf("%s[%d]", path, i))
				}
			}
		}
	}
}

func typeMatches(typ any, x any) bool {
	var names []string
	switch t := typ.(type) {
	case string:
		names = []string{t}
	default:
		names = asStrings(t)
	}
	got := "null"
	switch n := x.(type) {
	case map[string]any:
		got = "object"
	case []any:
		got = "array"
	case string:
		got = "string"
	case bool:
		got = "boolean"
	case float64:
		got = "number"
		if n == float64(int64(n)) && slices.Contains(names, "integer") {
			got = "integer"
		}
	}
	return slices.Contains(names, got)
}

func asStrings(x any) []string {
	var out []string
	if l, ok := x.([]any); ok {
		for _, s := range l {
			out = append(out, s.(string))
		}
	}
	return out
}

// TestValidatorRejects keeps the validator above honest: it must see a
// misspelt collection, a misspelt entity field and a wrong type.
func TestValidatorRejects(t *testing.T) {
	raw, err := InputSchema()
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(raw, &root); err != nil {
		t.Fatal(err)
	}
	for _, doc := range []string{
		`{"servics": {}}`,
		`{"services": {"a": {"auth_typ": null}}}`,
		`{"services": {"a": {"auth_type": {"value": 3}}}}`,
	} {
		var x any
		if err := json.Unmarshal([]byte(doc), &x); err != nil {
			t.Fatal(err)
		}
		v := validator{root: root}
		v.check(root, x, "input")
		found := false
		for _, e := range v.errs {
			found = found || !strings.Contains(e, "required key")
		}
		if !found {
			t.Errorf("%s: no error", doc)
		}
	}
}
