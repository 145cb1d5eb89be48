package native

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/internal/golden"
)

const repoRoot = "../.."

// TestSchemaCurrent fails when the committed schema is not what the Go types
// generate.
func TestSchemaCurrent(t *testing.T) {
	got, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join(repoRoot, SchemaFile), got, "go test ./pkg/native -update")
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// asJSON reads a native file as the JSON value the schema describes:
// !unknown is null, !default v is v.
func asJSON(t *testing.T, path string) any {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	v := jsonValue(n.Content[0])
	// Round through encoding/json so numbers are what the validator expects.
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonValue(n *yaml.Node) any {
	n = deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = jsonValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, jsonValue(c))
		}
		return l
	}
	if n.Tag == tagUnknown {
		return nil
	}
	tag := n.ShortTag()
	if n.Tag == tagDefault {
		tag = "!!str"
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 {
			tag = (&yaml.Node{Kind: yaml.ScalarNode, Value: n.Value}).ShortTag()
		}
	}
	switch tag {
	case "!!int":
		x, _ := strconv.Atoi(n.Value)
		return x
	case "!!bool":
		return n.Value == "true"
	case "!!null":
		return nil
	case "!!float":
		x, _ := strconv.ParseFloat(n.Value, 64)
		return x
	}
	return n.Value
}

// shippedFiles are the native files of the repository: examples, fixture
// twins and this package's valid test inputs.
func shippedFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"fixtures/examples/*/*.lattice.yaml", "fixtures/rules/*/*/native/*.lattice.yaml",
		"pkg/native/testdata/valid/*.yaml"} {
		m, err := filepath.Glob(filepath.Join(repoRoot, pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) < 3 {
		t.Fatalf("found %d native files", len(out))
	}
	return out
}

func TestSchemaValidatesShippedFiles(t *testing.T) {
	s := compileSchema(t)
	for _, f := range shippedFiles(t) {
		if err := s.Validate(asJSON(t, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestSchemaRejectsBroken: every file of testdata/broken breaks the schema
// (and Parse, see TestParseErrors).
func TestSchemaRejectsBroken(t *testing.T) {
	s := compileSchema(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "broken", "*.yaml"))
	if len(files) < 5 {
		t.Fatalf("found %d broken files", len(files))
	}
	for _, f := range files {
		if err := s.Validate(asJSON(t, f)); err == nil {
			t.Errorf("%s: the schema accepts it", f)
		}
	}
}

// TestReferenceDocCurrent keeps the key reference in docs/native-format.md
// equal to what the plans generate.
func TestReferenceDocCurrent(t *testing.T) {
	path := filepath.Join(repoRoot, "docs", "native-format.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- BEGIN GENERATED: native keys -->\n", "<!-- END GENERATED: native keys -->"
	doc := string(b)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: no generated section", path)
	}
	golden.Check(t, path, []byte(doc[:i+len(begin)]+Reference()+doc[j:]), "go test ./pkg/native -update")
}
