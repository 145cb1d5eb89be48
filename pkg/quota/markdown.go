package quota

import (
	"fmt"
	"sort"
	"strings"
)

// Markdown renders docs/quotas.md: the table and how to override it.
func Markdown() []byte {
	var b strings.Builder
	b.WriteString(`# VPC Lattice quotas

<!-- Generated from pkg/quota by go test ./pkg/quota -update; do not edit. -->

The LAT-QTA rules compare what the code creates with these limits. **Adjustable** quotas are AWS's defaults
until your account asks for more: exceeding one is a warning. **Hard** limits never change: exceeding one is an
error. The rules count only what the code surely creates (a resource whose ` + "`count`" + ` or ` + "`for_each`" + ` is unknown, or
whose CloudFormation condition is undecidable, counts zero), and never what already exists in the account, so a
finding means the code alone is over the limit.

| quota (configuration key) | AWS name | default | kind | counted per | Service Quotas code | checked by |
|---|---|---|---|---|---|---|
`)
	for _, q := range All() {
		kind := "hard"
		if q.Adjustable {
			kind = "adjustable"
		}
		def := fmt.Sprint(q.Value) + unitSuffix(q.Unit)
		var rs []string
		for r, v := range q.Regions {
			rs = append(rs, fmt.Sprintf("%d in %s", v, r))
		}
		sort.Strings(rs)
		if len(rs) > 0 {
			def += " (" + strings.Join(rs, ", ") + ")"
		}
		rule := "—"
		if q.Rule != "" {
			rule = fmt.Sprintf("[%s](rules/%s.md)", q.Rule, q.Rule)
		}
		code := q.Code
		if code == "" {
			code = "—"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n", q.Name, q.Title, def, kind,
			strings.ReplaceAll(string(q.Scope), "_", " "), code, rule)
	}
	b.WriteString(`
A quota without a rule (—) is not checked: the model does not hold the private DNS domains of associations and
endpoints yet, and no rule counts the items of one CloudFormation target group's Targets list yet.
Per-account and per-Region quotas count only what the linted code creates: resources that already exist in the
account, or that other repositories create, count toward them too, and static code never sees those.

## Raising a quota

A team whose account has an increase records it in ` + "`.lattice-lint.yaml`" + `, for every account (` + "`default`" + `) or per
12-digit account id (` + "`accounts`" + `, which win). Only adjustable quotas can be overridden; an unknown name or a hard
limit is a configuration error with a suggestion. A ` + "`default`" + ` value holds in every Region, including those where
AWS's default differs.

` + "```yaml" + `
# yaml-language-server: $schema=https://raw.githubusercontent.com/lattice-lint/lattice-lint/main/docs/lattice-lint.schema.json
quotas:
  default:
    rules-per-listener: 20
  accounts:
    "111122223333":
      listeners-per-service: 4
      targets-per-target-group: 2000
  warn_at_percent: 80
` + "```" + `

` + "`warn_at_percent`" + ` (default 80) is the share of a per-service-network quota from which LAT-QTA-002 warns before the
limit is reached.
`)
	return []byte(b.String())
}
