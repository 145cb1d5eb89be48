package rules

import (
	"context"
	"strings"
	"testing"
)

// schemaPolicy is a user policy type-checked against the model's JSON Schema.
func schemaPolicy(body string) map[string]string {
	return map[string]string{"a.rego": "# METADATA\n# title: a\n# schemas:\n#   - input: schema.input\n# custom:\n" + validCustom +
		"package lattice.rules.a\n\n" + body + "\n"}
}

// TestInputSchemaTypeChecksPolicies: a policy that names schema.input
// compiles when it reads the model as it is and fails, naming the key, when
// it misspells a collection or a top-level key.
func TestInputSchemaTypeChecksPolicies(t *testing.T) {
	good := `deny contains {"entity": s.id, "message": "m"} if {
	some s in input.services
	s.auth_type.value == "NONE"
	input.schema_version == "1"
}`
	if _, err := NewEngine(context.Background(), Options{PolicyDirs: []string{writePolicies(t, schemaPolicy(good))}}); err != nil {
		t.Fatalf("a policy that reads the model as it is: %v", err)
	}
	for _, bad := range []string{
		`deny contains {"entity": s.id, "message": "m"} if some s in input.servics`,
		`deny contains {"entity": "x", "message": "m"} if input.schema_versoin == "1"`,
	} {
		_, err := NewEngine(context.Background(), Options{PolicyDirs: []string{writePolicies(t, schemaPolicy(bad))}})
		if err == nil || !strings.Contains(err.Error(), "undefined ref") {
			t.Errorf("%s: got %v, want an undefined ref error", bad, err)
		}
	}
}
