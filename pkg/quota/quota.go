// Package quota is the one table of VPC Lattice quotas and fixed limits: each
// quota's stable name, AWS's default value, whether AWS raises it on request
// (adjustable) or never (hard), and what it counts per. The policies read it
// as the data document data.lattice.quotas (Document); the configuration file
// raises adjustable quotas per account (Overrides), and refuses to override
// a hard one.
package quota

import (
	"fmt"
	"sort"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// Scope is what a quota counts per: an entity kind of the model, an account
// in one Region, or one API request.
type Scope string

// Scopes that are not entity kinds.
const (
	PerAccountRegion Scope = "account_region"
	PerRequest       Scope = "request"
)

// per is the scope of a quota counted per entity of a kind.
func per(k model.Kind) Scope { return Scope(k) }

// Quota is one row of the table.
type Quota struct {
	// Name is the stable key the configuration file and the policies use.
	Name string
	// Title is AWS's name for it (the Service Quotas console, the API docs).
	Title string
	// Value is AWS's default; Regions lists the Regions where it differs.
	Value   int
	Regions map[string]int
	// Adjustable quotas are raised on request (a warning when exceeded: the
	// account may have the increase); hard ones never are (an error).
	Adjustable bool
	Scope      Scope
	// Code is the Service Quotas code ("" for limits outside Service Quotas).
	Code string
	// Unit is what Value counts when it is not a number of items (bytes).
	Unit string
	// API is the VPC Lattice API model member whose bound is the limit (a
	// fixed limit outside Service Quotas); Value then comes from the model.
	API string
	// Rule is the built-in rule that checks the quota; "" when none can
	// (docs/quotas.md says why).
	Rule string
}

// The table. Values: the VPC Lattice User Guide's quota page and the Service
// Quotas codes of the AWS General Reference (Service Quotas), the API model's
// list bounds (fixed limits), and the CloudFormation registry schema
// (the Targets list of a target group).
var table = []Quota{
	{Name: "auth-policy-size", Title: "Auth policy size", Value: 10240, Unit: "bytes", Scope: per(model.KindAuthPolicy), Rule: "LAT-SEC-008"},
	{Name: "child-resource-configurations-per-group", Title: "Child resource configurations per group resource configuration", Value: 60, Adjustable: true, Scope: per(model.KindResourceConfiguration), Code: "L-9BC96FEF", Rule: "LAT-QTA-003"},
	{Name: "domain-verifications-per-region", Title: "Domain verifications per Region", Value: 5, Adjustable: true, Scope: PerAccountRegion, Code: "L-73D0F278", Rule: "LAT-QTA-003"},
	{Name: "listeners-per-service", Title: "Listeners per service", Value: 2, Adjustable: true, Scope: per(model.KindService), Code: "L-D64E952E", Rule: "LAT-QTA-001"},
	{Name: "resource-configurations-per-service-network", Title: "Resource configurations per service network", Value: 500, Adjustable: true, Scope: per(model.KindServiceNetwork), Code: "L-6095700C", Rule: "LAT-QTA-002"},
	{Name: "resource-configurations-per-region", Title: "Resource configurations per Region", Value: 2000, Adjustable: true, Scope: PerAccountRegion, Code: "L-5FF8F9B9", Rule: "LAT-QTA-003"},
	{Name: "resource-gateways-per-vpc", Title: "Resource gateways per VPC", Value: 500, Adjustable: true, Scope: per(model.KindVPC), Code: "L-0DCA4434", Rule: "LAT-QTA-003"},
	{Name: "rules-per-listener", Title: "Rules per listener", Value: 10, Regions: map[string]int{"il-central-1": 5}, Adjustable: true, Scope: per(model.KindListener), Code: "L-CF78395E", Rule: "LAT-QTA-001"},
	{Name: "security-groups-per-vpc-association", Title: "Security groups per association", API: "CreateServiceNetworkVpcAssociationRequest.securityGroupIds", Scope: per(model.KindVPCAssociation), Rule: "LAT-QTA-003"},
	{Name: "service-associations-per-service-network", Title: "Service associations per service network", Value: 500, Adjustable: true, Scope: per(model.KindServiceNetwork), Code: "L-75D4A19E", Rule: "LAT-QTA-002"},
	{Name: "service-networks-per-region", Title: "Service networks per Region", Value: 50, Regions: map[string]int{"il-central-1": 10}, Adjustable: true, Scope: PerAccountRegion, Code: "L-9CAD07FB", Rule: "LAT-QTA-003"},
	{Name: "services-per-region", Title: "Services per Region", Value: 2000, Regions: map[string]int{"il-central-1": 500}, Adjustable: true, Scope: PerAccountRegion, Code: "L-620C821E", Rule: "LAT-QTA-003"},
	{Name: "target-groups-per-region", Title: "Target groups per Region", Value: 500, Adjustable: true, Scope: PerAccountRegion, Code: "L-BB11C6B9", Rule: "LAT-QTA-003"},
	{Name: "target-groups-per-service", Title: "Target groups per service", Value: 10, Regions: map[string]int{"il-central-1": 5}, Adjustable: true, Scope: per(model.KindService), Code: "L-3DEC3B9F", Rule: "LAT-QTA-001"},
	{Name: "targets-per-target-group", Title: "Targets per target group", Value: 1000, Adjustable: true, Scope: per(model.KindTargetGroup), Code: "L-D71303F3", Rule: "LAT-QTA-001"},
	{Name: "vpc-associations-per-service-network", Title: "VPC associations per service network", Value: 500, Adjustable: true, Scope: per(model.KindServiceNetwork), Code: "L-EF6E2D62", Rule: "LAT-QTA-002"},
	{Name: "service-network-endpoints-per-service-network", Title: "VPC endpoints of type service network per service network", Value: 200, Adjustable: true, Scope: per(model.KindServiceNetwork), Code: "L-89DEA27F", Rule: "LAT-QTA-002"},
	// Fixed limits outside Service Quotas: the API model's bounds.
	{Name: "header-matches-per-rule", Title: "Header matches per listener rule", API: "CreateRuleRequest.match.httpMatch.headerMatches", Scope: per(model.KindListenerRule), Rule: "LAT-QTA-003"},
	{Name: "targets-per-register-call", Title: "Targets registered in one call (a CloudFormation target group's Targets)", API: "RegisterTargetsRequest.targets", Scope: PerRequest},
	{Name: "security-groups-per-resource-gateway", Title: "Security groups per resource gateway", API: "CreateResourceGatewayRequest.securityGroupIds", Scope: per(model.KindResourceGateway), Rule: "LAT-QTA-003"},
	{Name: "ipv4-addresses-per-eni", Title: "IPv4 addresses per resource gateway network interface", API: "CreateResourceGatewayRequest.ipv4AddressesPerEni", Scope: per(model.KindResourceGateway), Rule: "LAT-COR-021"},
	{Name: "private-dns-specified-domains", Title: "Private DNS specified domains per association or endpoint", API: "CreateServiceNetworkVpcAssociationRequest.dnsOptions.privateDnsSpecifiedDomains", Scope: per(model.KindVPCEndpoint), Rule: "LAT-COR-022"},
}

// The fixed limits take their value from the API model.
func init() {
	for i := range table {
		if table[i].API == "" {
			continue
		}
		n, ok := schema.Max(table[i].API)
		if !ok {
			panic("quota " + table[i].Name + ": the API model sets no bound on " + table[i].API)
		}
		table[i].Value = n
	}
}

// All returns the table, sorted by name.
func All() []Quota {
	out := append([]Quota(nil), table...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the quota with a stable name.
func Lookup(name string) (Quota, bool) {
	for _, q := range table {
		if q.Name == name {
			return q, true
		}
	}
	return Quota{}, false
}

// Names returns every quota name, sorted; adjustableOnly keeps those a
// configuration may override.
func Names(adjustableOnly bool) []string {
	var out []string
	for _, q := range All() {
		if q.Adjustable || !adjustableOnly {
			out = append(out, q.Name)
		}
	}
	return out
}

// Overrides are the values a team's accounts have after quota increases: for
// every account (Default) and per 12-digit account id (Accounts, which win).
type Overrides struct {
	Default  map[string]int
	Accounts map[string]map[string]int
	// WarnPercent is the share of a per-network quota from which LAT-QTA-002
	// warns before the limit is reached; 0 means settings.DefaultQuotaWarnPercent.
	WarnPercent int
}

// Empty reports whether nothing is overridden.
func (o Overrides) Empty() bool {
	return len(o.Default) == 0 && len(o.Accounts) == 0 && o.WarnPercent == 0
}

// Check returns an error for an override of an unknown or hard quota or a
// value below 1.
func Check(name string, value int) error {
	q, ok := Lookup(name)
	switch {
	case !ok:
		return &UnknownError{Name: name}
	case !q.Adjustable:
		return fmt.Errorf("%q is a hard limit (%d%s) that AWS never raises: it cannot be overridden", name, q.Value, unitSuffix(q.Unit))
	case value < 1:
		return fmt.Errorf("%q: %d is not a quota value (want 1 or more)", name, value)
	}
	return nil
}

// UnknownError is an override of a quota the table does not hold.
type UnknownError struct{ Name string }

func (e *UnknownError) Error() string { return fmt.Sprintf("no quota named %q", e.Name) }

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	return " " + u
}

// Document is the data document the policies read as data.lattice.quotas:
//
//	{"limits": {name: {"value", "regions", "adjustable", "scope", "title", "code", "unit"}},
//	 "accounts": {account id: {name: value}},
//	 "warn_percent": n}
//
// where each limit's value is AWS's default, or the configuration's default
// override (which then holds in every Region), and accounts holds the
// per-account overrides. Overrides are assumed checked (Check).
func Document(o Overrides) map[string]any {
	limits := map[string]any{}
	for _, q := range table {
		v, regions := q.Value, map[string]any{}
		for r, n := range q.Regions {
			regions[r] = n
		}
		if n, ok := o.Default[q.Name]; ok {
			v, regions = n, map[string]any{}
		}
		limits[q.Name] = map[string]any{"value": v, "regions": regions, "adjustable": q.Adjustable,
			"scope": string(q.Scope), "title": q.Title, "code": q.Code, "unit": q.Unit}
	}
	accounts := map[string]any{}
	for id, vs := range o.Accounts {
		m := map[string]any{}
		for n, v := range vs {
			m[n] = v
		}
		accounts[id] = m
	}
	warn := o.WarnPercent
	if warn <= 0 {
		warn = settings.DefaultQuotaWarnPercent
	}
	return map[string]any{"limits": limits, "accounts": accounts, "warn_percent": warn}
}
