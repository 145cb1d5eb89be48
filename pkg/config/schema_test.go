package config

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/internal/golden"
)

var (
	repoRoot   = filepath.Join("..", "..")
	schemaFile = filepath.Join(repoRoot, "docs", "lattice-lint.schema.json")
)

// TestSchemaCurrent keeps the committed schema equal to the one generated
// from the Go types (go test ./pkg/config -update rewrites it).
func TestSchemaCurrent(t *testing.T) {
	got, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, schemaFile, got, "go test ./pkg/config -update")
}

// TestSchemaCoversEveryKey: each key the decoder accepts is in the schema,
// so a field added to Config (quota overrides, say) is documented for editors.
func TestSchemaCoversEveryKey(t *testing.T) {
	b, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	props := doc["properties"].(map[string]any)
	for _, key := range []string{"accounts", "rules", "policies", "ignore_paths"} {
		if _, ok := props[key]; !ok {
			t.Errorf("schema lacks %q", key)
		}
	}
	if doc["additionalProperties"] != false {
		t.Error("the schema must reject unknown keys, like the decoder does")
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaURL, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(SchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// instance turns YAML into the JSON value the schema validates.
func instance(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatal(err)
	}
	if v == nil {
		v = map[string]any{}
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// shippedExamples are every configuration file in the repository and every
// YAML block of the README and docs that names the configuration schema.
func shippedExamples(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(repoRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == DefaultFile {
			b, err := os.ReadFile(p)
			out[p] = b
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Blocks naming another schema (the native topology format's) are not
	// configurations.
	block := regexp.MustCompile("(?s)```yaml\n(# yaml-language-server: \\$schema=[^\n]*lattice-lint\\.schema\\.json\n.*?)```")
	docs, _ := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	for _, p := range append(docs, filepath.Join(repoRoot, "README.md")) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range block.FindAllSubmatch(b, -1) {
			out[p+"#"+string(rune('a'+i))] = m[1]
		}
	}
	return out
}

// TestSchemaValidatesShippedExamples: every shipped configuration is valid
// for the schema and for Parse, and the README's example points editors at
// the schema.
func TestSchemaValidatesShippedExamples(t *testing.T) {
	s := compileSchema(t)
	examples := shippedExamples(t)
	readme := false
	for name, src := range examples {
		readme = readme || strings.HasSuffix(name, "README.md#a")
		if strings.Contains(string(src), "yaml-language-server") && !strings.Contains(string(src), "$schema="+SchemaURL) {
			t.Errorf("%s: the yaml-language-server line must name %s", name, SchemaURL)
		}
		if err := s.Validate(instance(t, src)); err != nil {
			t.Errorf("%s does not validate: %v", name, err)
		}
		if _, err := Parse(src, filepath.Join(t.TempDir(), DefaultFile)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if !readme || len(examples) < 3 {
		t.Errorf("found %d examples; the README's configuration block must start with the yaml-language-server line", len(examples))
	}
}

// TestSchemaRejectsBrokenConfigs: what Parse refuses, the schema refuses
// too, so the editor flags it before lattice-lint does.
func TestSchemaRejectsBrokenConfigs(t *testing.T) {
	s := compileSchema(t)
	for name, src := range map[string]string{
		"unknown key":            "acounts: []\n",
		"unknown nested key":     "accounts: [{path: a, acount: '111111111111'}]\n",
		"policies not a list":    "policies: policies/custom\n",
		"enabled not a boolean":  "rules: {LAT-SEC-005: {enabled: maybe}}\n",
		"bad severity":           "rules: {LAT-SEC-005: {severity: fatal}}\n",
		"short account id":       "accounts: [{path: a, account: '12'}]\n",
		"mapping without a path": "accounts: [{account: '111111111111'}]\n",
		"ignore_paths not text":  "ignore_paths: [{a: b}]\n",
		"unknown quota":          "quotas: {default: {listener-per-service: 4}}\n",
		"hard quota":             "quotas: {default: {security-groups-per-vpc-association: 10}}\n",
		"quota below 1":          "quotas: {default: {rules-per-listener: 0}}\n",
		"quota account":          "quotas: {accounts: {prod: {rules-per-listener: 20}}}\n",
		"warn percent":           "quotas: {warn_at_percent: 120}\n",
	} {
		if err := s.Validate(instance(t, []byte(src))); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
		if _, err := Parse([]byte(src), "x.yaml"); err == nil {
			t.Errorf("%s: Parse accepts it", name)
		}
	}
}
