package schema

import "testing"

// TestIdentifierForms: which identifier forms the API model's patterns take
// for the references the model holds.
func TestIdentifierForms(t *testing.T) {
	doc := IdentifierDocument()
	for _, c := range []struct {
		coll, field, kind string
		id, arn           any // nil: the form is not listed
	}{
		{"resource_policies", "resource", "service", false, true}, // PutResourcePolicy takes an ARN only
		{"resource_policies", "resource", "service_network", false, true},
		{"auth_policies", "resource", "service", true, true},
		{"service_network_vpc_associations", "vpc", "vpc", true, false}, // VpcId: an id only
		{"resource_gateways", "vpc", "vpc", true, false},
		{"target_groups", "vpc", "vpc", true, false},
		{"service_network_resource_associations", "resource_configuration", "resource_configuration", true, true},
		{"listener_rules", "listener", "listener", true, nil}, // a listener ARN nests under its service's
	} {
		spec, _ := doc[c.coll].(map[string]any)[c.field].(map[string]any)
		forms, _ := spec["forms"].(map[string]any)
		accepts, ok := forms[c.kind].(map[string]any)
		if !ok {
			t.Errorf("%s.%s: no forms for %s", c.coll, c.field, c.kind)
			continue
		}
		if accepts["id"] != c.id || accepts["arn"] != c.arn {
			t.Errorf("%s.%s %s: id %v arn %v, want id %v arn %v", c.coll, c.field, c.kind, accepts["id"], accepts["arn"], c.id, c.arn)
		}
	}
	if _, ok := doc["resource_policies"].(map[string]any)["resource"].(map[string]any)["forms"].(map[string]any)["vpc"]; ok {
		t.Error("a resource policy's resource lists VPCs, whose identifiers its pattern never takes")
	}
}
