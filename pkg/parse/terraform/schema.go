package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// latticeArguments lists the top-level arguments and blocks of every
// aws_vpclattice_* resource (hashicorp/aws 6.x), so a misspelt argument, which
// Terraform would reject at plan time, is reported before the linter silently
// reads it as absent and concludes from the absence.
var latticeArguments = map[string][]string{
	"aws_vpclattice_service_network":                      {"name", "auth_type"},
	"aws_vpclattice_service":                              {"name", "auth_type", "certificate_arn", "custom_domain_name"},
	"aws_vpclattice_listener":                             {"name", "protocol", "port", "service_identifier", "service_arn", "default_action"},
	"aws_vpclattice_listener_rule":                        {"name", "service_identifier", "listener_identifier", "priority", "match", "action"},
	"aws_vpclattice_target_group":                         {"name", "type", "config"},
	"aws_vpclattice_target_group_attachment":              {"target_group_identifier", "target"},
	"aws_vpclattice_service_network_vpc_association":      {"service_network_identifier", "vpc_identifier", "security_group_ids", "private_dns_enabled", "dns_options"},
	"aws_vpclattice_service_network_service_association":  {"service_identifier", "service_network_identifier"},
	"aws_vpclattice_service_network_resource_association": {"resource_configuration_identifier", "service_network_identifier", "private_dns_enabled"},
	"aws_vpclattice_resource_gateway": {"name", "vpc_id", "subnet_ids", "security_group_ids", "ip_address_type",
		"ipv4_addresses_per_eni", "resource_config_dns_resolution"},
	"aws_vpclattice_resource_configuration": {"name", "type", "port_ranges", "protocol", "resource_gateway_identifier",
		"resource_configuration_group_id", "resource_configuration_definition", "allow_association_to_shareable_service_network",
		"custom_domain_name", "domain_verification_id", "group_domain"},
	"aws_vpclattice_access_log_subscription": {"resource_identifier", "destination_arn", "service_network_log_type"},
	"aws_vpclattice_auth_policy":             {"resource_identifier", "policy", "state"},
	"aws_vpclattice_resource_policy":         {"resource_arn", "policy"},
	"aws_vpclattice_domain_verification":     {"domain_name"},
}

// metaArguments are accepted on every resource.
var metaArguments = []string{"count", "for_each", "provider", "depends_on", "lifecycle", "provisioner",
	"connection", "tags", "tags_all", "region", "timeouts"}

// argumentHints name the right argument for mistakes that edit distance does
// not find (DOMAIN §2.1: the resource gateway takes vpc_id, unlike the rest).
var argumentHints = map[string]string{
	"aws_vpclattice_resource_gateway.vpc_identifier": "vpc_id",
}

// checkArguments warns about unknown aws_vpclattice_* resource types and
// unknown arguments of known ones.
func (b *builder) checkArguments(rd *resourceDecl) {
	if rd.data || !strings.HasPrefix(rd.typ, "aws_vpclattice_") || b.l.argsChecked[rd] {
		return
	}
	b.l.argsChecked[rd] = true // once per declaration, not per module instance
	known, ok := latticeArguments[rd.typ]
	if !ok {
		types := make([]string, 0, len(latticeArguments))
		for t := range latticeArguments {
			types = append(types, t)
		}
		b.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Unknown resource type",
			Detail:  fmt.Sprintf("%s is not an aws_vpclattice_* resource type lattice-lint knows; it is not checked.%s", rd.typ, suggest(rd.typ, types)),
			Subject: rd.block.LabelRanges[0].Ptr()})
		return
	}
	allowed := append(append([]string{}, known...), metaArguments...)
	for _, n := range bodyNames(rd.body) {
		if contains(allowed, n.name) {
			continue
		}
		hint := suggest(n.name, allowed)
		if h, ok := argumentHints[rd.typ+"."+n.name]; ok {
			hint = fmt.Sprintf(" Did you mean %q?", h)
		}
		b.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Unsupported argument",
			Detail:  fmt.Sprintf("%s has no argument or block %q; it is read as absent.%s", rd.typ, n.name, hint),
			Subject: n.rng.Ptr()})
	}
}

type namedRange struct {
	name string
	rng  hcl.Range
}

// bodyNames lists the attribute and block names set directly in a body;
// dynamic blocks count under their label.
func bodyNames(body hcl.Body) []namedRange {
	var out []namedRange
	if sb, ok := body.(*hclsyntax.Body); ok {
		for n, a := range sb.Attributes {
			out = append(out, namedRange{n, a.NameRange})
		}
		for _, blk := range sb.Blocks {
			name := blk.Type
			if name == "dynamic" && len(blk.Labels) == 1 {
				name = blk.Labels[0]
			}
			out = append(out, namedRange{name, blk.TypeRange})
		}
	} else if attrs, diags := body.JustAttributes(); !diags.HasErrors() {
		for n, a := range attrs {
			out = append(out, namedRange{n, a.NameRange})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rng.Start.Byte < out[j].rng.Start.Byte })
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest returns ` Did you mean "x"?` for the closest candidate within a
// small edit distance, or "".
func suggest(name string, candidates []string) string {
	best, bestD := "", 4
	for _, c := range candidates {
		if d := levenshtein.Distance(name, c, nil); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" Did you mean %q?", best)
}
