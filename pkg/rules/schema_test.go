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
	some id, tg in input.target_groups
	tg.health_check.matcher.range[0] != ""
	tg.forwarded_by[_] == id
	x := input.listeners[id]
	x.default_action.forward[0].target_group.target
	every r in input.listener_rules { r.match.headers[_].name.value }
	input.accounts[_].sources[_]
	[y | some y in input.security_groups; y.ingress[_].cidr_blocks]
}`
	if _, err := NewEngine(context.Background(), Options{PolicyDirs: []string{writePolicies(t, schemaPolicy(good))}}); err != nil {
		t.Fatalf("a policy that reads the model as it is: %v", err)
	}
	for _, bad := range []string{
		`deny contains {"entity": s.id, "message": "m"} if some s in input.servics`,
		`deny contains {"entity": "x", "message": "m"} if input.schema_versoin == "1"`,
		// Entity fields, which OPA's schema check does not reach (fieldcheck.go).
		`deny contains {"entity": "x", "message": "m"} if input.services[_].auth_typ.value == "NONE"`,
		`deny contains {"entity": s.id, "message": "m"} if { some s in input.services; s.auth_typ.value == "NONE" }`,
		`deny contains {"entity": s.id, "message": "m"} if { some id; s := input.services[id]; s.auth_type.valeu == "NONE" }`,
		`deny contains {"entity": "x", "message": "m"} if { every s in input.services { s.listenrs } }`,
		`deny contains {"entity": "x", "message": "m"} if { x := [s.id | some s in input.target_groups; s.helth_check.set] }`,
		`deny contains {"entity": s.id, "message": s.nmae} if some s in input.services`,
	} {
		_, err := NewEngine(context.Background(), Options{PolicyDirs: []string{writePolicies(t, schemaPolicy(bad))}})
		if err == nil || !strings.Contains(err.Error(), "undefined ref") {
			t.Errorf("%s: got %v, want an undefined ref error", bad, err)
		}
	}
}
