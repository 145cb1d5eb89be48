package schema

import (
	"strings"
	"testing"
)

func TestTablesResolve(t *testing.T) {
	for _, err := range Check() {
		t.Error(err)
	}
}

// TestRequired: the API model's required members, as hashicorp/aws
// arguments, at the level of the block that holds them.
func TestRequired(t *testing.T) {
	for _, c := range []struct {
		typ, block string
		want       []string
	}{
		{"aws_vpclattice_listener", "", []string{"default_action", "name", "protocol"}}, // service_arn may stand for service_identifier
		{"aws_vpclattice_listener", "default_action.fixed_response", []string{"status_code"}},
		{"aws_vpclattice_listener", "default_action.forward", []string{"target_groups"}},
		{"aws_vpclattice_listener", "default_action.forward.target_groups", []string{"target_group_identifier"}}, // weight defaults to 100
		{"aws_vpclattice_listener_rule", "", []string{"action", "listener_identifier", "match", "name", "priority", "service_identifier"}},
		{"aws_vpclattice_listener_rule", "match.http_match.path_match", []string{"match"}},
		{"aws_vpclattice_listener_rule", "match.http_match.header_matches", []string{"match", "name"}},
		{"aws_vpclattice_target_group", "", []string{"name", "type"}},
		{"aws_vpclattice_target_group_attachment", "", []string{"target", "target_group_identifier"}},
		{"aws_vpclattice_target_group_attachment", "target", []string{"id"}},
		{"aws_vpclattice_resource_configuration", "", []string{"name"}}, // the provider defaults type to SINGLE
		{"aws_vpclattice_service_network_vpc_association", "", []string{"service_network_identifier", "vpc_identifier"}},
		{"aws_vpclattice_auth_policy", "", []string{"policy", "resource_identifier"}},
	} {
		got := ByType(AWS, c.typ).Required(c.block)
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s %q requires %v, want %v", c.typ, c.block, got, c.want)
		}
	}
}
