package schema

import (
	"regexp"
	"testing"
)

// TestNameRules: the API model's name shapes, split into plain patterns, judge
// names the way AWS does at create time.
func TestNameRules(t *testing.T) {
	rules := NameRules()
	for coll, want := range map[string]struct {
		min, max int
		reserved string
	}{
		"service_networks":        {3, 63, ""}, // the API model reserves no prefix for networks
		"services":                {3, 40, "svc-"},
		"listeners":               {3, 63, "listener-"},
		"listener_rules":          {3, 63, "rule-"},
		"target_groups":           {3, 128, "tg-"},
		"resource_gateways":       {3, 40, "rgw-"},
		"resource_configurations": {3, 40, "rcfg-"},
	} {
		got, ok := rules[coll]
		if !ok {
			t.Errorf("%s: no name rule", coll)
			continue
		}
		if got.Min != want.min || got.Max != want.max || got.Reserved != want.reserved {
			t.Errorf("%s: %d-%d reserved %q, want %d-%d reserved %q", coll, got.Min, got.Max, got.Reserved, want.min, want.max, want.reserved)
		}
	}
	svc := rules["services"]
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"orders", true}, {"orders-v2", true}, {"Orders", false}, {"orders_api", false},
		{"-orders", false}, {"orders-", false}, {"ord--ers", false},
	} {
		ok := regexp.MustCompile(svc.Pattern).MatchString(c.name)
		for _, f := range svc.Forbidden {
			if regexp.MustCompile(f.Pattern).MatchString(c.name) {
				ok = false
			}
		}
		if ok != c.ok {
			t.Errorf("service name %q accepted = %v, want %v", c.name, ok, c.ok)
		}
	}
}

func TestNameRuleRejectsWhatItCannotSplit(t *testing.T) {
	if _, err := nameRule(`(?!svc-[a-z]+`); err == nil {
		t.Error("an unbalanced look-ahead gave no error")
	}
}
