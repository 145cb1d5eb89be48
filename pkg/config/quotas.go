package config

import (
	"errors"
	"fmt"
	"sort"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/quota"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// Quotas are the configuration's quota overrides: teams raise adjustable
// quotas, and the LAT-QTA rules should compare with what the account has.
type Quotas struct {
	Default       QuotaValues            `yaml:"default" doc:"Quota values that hold for every account, by quota name."`
	Accounts      map[string]QuotaValues `yaml:"accounts" doc:"Quota values per 12-digit account id, by quota name; they win over default." keypattern:"^[0-9]{12}$"`
	WarnAtPercent int                    `yaml:"warn_at_percent" doc:"Share of a per-service-network quota from which LAT-QTA-002 warns before the limit is reached (default 80)." minimum:"1" maximum:"100"`
}

// QuotaValues maps a quota's stable name (lattice-lint explain LAT-QTA-001
// lists them) to its value in an account.
type QuotaValues map[string]int

// JSONSchema names every adjustable quota, so editors complete the names and
// flag a hard limit or a misspelt one.
func (QuotaValues) JSONSchema() map[string]any {
	props := map[string]any{}
	for _, q := range quota.All() {
		if !q.Adjustable {
			continue
		}
		props[q.Name] = map[string]any{"type": "integer", "minimum": 1,
			"description": fmt.Sprintf("%s (AWS default %d%s).", q.Title, q.Value, regionNote(q))}
	}
	return map[string]any{"type": "object", "properties": props, "additionalProperties": false}
}

func regionNote(q quota.Quota) string {
	rs := make([]string, 0, len(q.Regions))
	for r, v := range q.Regions {
		rs = append(rs, fmt.Sprintf("%d in %s", v, r))
	}
	sort.Strings(rs)
	out := ""
	for _, r := range rs {
		out += ", " + r
	}
	return out
}

// Overrides returns the quota overrides the policies read.
func (q Quotas) Overrides() quota.Overrides {
	o := quota.Overrides{Default: q.Default, WarnPercent: q.WarnAtPercent}
	if len(q.Accounts) > 0 {
		o.Accounts = make(map[string]map[string]int, len(q.Accounts))
		for id, vs := range q.Accounts {
			o.Accounts[id] = vs
		}
	}
	return o
}

// check refuses unknown quota names (with a suggestion), hard limits, values
// below 1 and account keys that are not account ids; at gives the line of a
// key path.
func (q Quotas) check(at func(keys ...any) string) error {
	if q.WarnAtPercent < 0 || q.WarnAtPercent > 100 {
		return fmt.Errorf("%s: quotas.warn_at_percent: %d (want 1 to 100)", at("quotas", "warn_at_percent"), q.WarnAtPercent)
	}
	if err := checkValues(q.Default, at, "default"); err != nil {
		return err
	}
	ids := make([]string, 0, len(q.Accounts))
	for id := range q.Accounts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !model.IsAccountID(id) {
			return fmt.Errorf("%s: quotas.accounts: %q is not a 12-digit account id", at("quotas", "accounts", id), id)
		}
		if err := checkValues(q.Accounts[id], at, "accounts", id); err != nil {
			return err
		}
	}
	return nil
}

func checkValues(vs QuotaValues, at func(keys ...any) string, path ...any) error {
	names := make([]string, 0, len(vs))
	for n := range vs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := quota.Check(n, vs[n]); err != nil {
			keys := append([]any{"quotas"}, path...)
			where := "quotas"
			for _, k := range path {
				where += "." + fmt.Sprint(k)
			}
			var unknown *quota.UnknownError
			if errors.As(err, &unknown) {
				msg := fmt.Sprintf("%s: %s: %v", at(append(keys, n)...), where, err)
				if s := schema.Suggest(n, quota.Names(false)); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				return fmt.Errorf("%s; the adjustable quotas are %v", msg, quota.Names(true))
			}
			return fmt.Errorf("%s: %s: %v", at(append(keys, n)...), where, err)
		}
	}
	return nil
}
