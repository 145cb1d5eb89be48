package quota

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/internal/golden"
)

// TestTable: names are stable kebab-case keys, unique; adjustable quotas
// have a Service Quotas code and hard ones none; every value is positive.
func TestTable(t *testing.T) {
	name := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	code := regexp.MustCompile(`^L-[0-9A-F]{8}$`)
	seen := map[string]bool{}
	for _, q := range All() {
		if !name.MatchString(q.Name) || seen[q.Name] {
			t.Errorf("%q: want a unique kebab-case name", q.Name)
		}
		seen[q.Name] = true
		if q.Adjustable != code.MatchString(q.Code) {
			t.Errorf("%s: adjustable %v but code %q", q.Name, q.Adjustable, q.Code)
		}
		if q.Value < 1 || q.Title == "" || q.Scope == "" {
			t.Errorf("%s: value %d, title %q, scope %q", q.Name, q.Value, q.Title, q.Scope)
		}
	}
}

// TestFixedLimitsFromTheAPIModel: a fixed limit is the API model's bound.
func TestFixedLimitsFromTheAPIModel(t *testing.T) {
	for name, want := range map[string]int{"security-groups-per-vpc-association": 5, "header-matches-per-rule": 5,
		"targets-per-register-call": 100, "ipv4-addresses-per-eni": 62} {
		if q, ok := Lookup(name); !ok || q.Value != want || q.Adjustable {
			t.Errorf("%s = %+v, want the hard limit %d", name, q, want)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name  string
		value int
		want  string
	}{
		{"listeners-per-service", 4, ""},
		{"listener-per-service", 4, `no quota named "listener-per-service"`},
		{"auth-policy-size", 20000, "hard limit"},
		{"rules-per-listener", 0, "not a quota value"},
	} {
		err := Check(tc.name, tc.value)
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("Check(%s, %d) = %v, want %q", tc.name, tc.value, err, tc.want)
		}
	}
}

// TestDocument: a default override holds in every Region (the Region
// exceptions are AWS's defaults, not the team's); accounts are passed on.
func TestDocument(t *testing.T) {
	limit := func(d map[string]any, name string) map[string]any {
		return d["limits"].(map[string]any)[name].(map[string]any)
	}
	d := Document(Overrides{})
	if r := limit(d, "rules-per-listener"); r["value"] != 10 || r["regions"].(map[string]any)["il-central-1"] != 5 || r["adjustable"] != true {
		t.Errorf("rules-per-listener = %v", r)
	}
	if d["warn_percent"] != 80 {
		t.Errorf("warn_percent = %v, want the default 80", d["warn_percent"])
	}
	d = Document(Overrides{Default: map[string]int{"rules-per-listener": 20},
		Accounts: map[string]map[string]int{"111111111111": {"listeners-per-service": 4}}, WarnPercent: 90})
	if r := limit(d, "rules-per-listener"); r["value"] != 20 || len(r["regions"].(map[string]any)) != 0 {
		t.Errorf("overridden rules-per-listener = %v", r)
	}
	if a := d["accounts"].(map[string]any)["111111111111"].(map[string]any); a["listeners-per-service"] != 4 {
		t.Errorf("accounts = %v", d["accounts"])
	}
	if d["warn_percent"] != 90 {
		t.Errorf("warn_percent = %v", d["warn_percent"])
	}
}

// TestMarkdownCurrent keeps docs/quotas.md generated from the table.
func TestMarkdownCurrent(t *testing.T) {
	golden.Check(t, filepath.Join("..", "..", "docs", "quotas.md"), Markdown(), "go test ./pkg/quota -update")
}

// TestRulesExist: a quota names only a rule that exists and mentions it.
func TestRulesExist(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "policies", "*", "*.rego"))
	if err != nil {
		t.Fatal(err)
	}
	src := map[string]string{} // rule id -> policy source
	id := regexp.MustCompile(`(?m)^#   id: (\S+)$`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if m := id.FindSubmatch(b); m != nil {
			src[string(m[1])] = string(b)
		}
	}
	for _, q := range All() {
		if q.Rule == "" {
			continue
		}
		if s, ok := src[q.Rule]; !ok {
			t.Errorf("%s: no policy has id %s", q.Name, q.Rule)
		} else if !strings.Contains(s, q.Name) {
			t.Errorf("%s: %s never reads it", q.Name, q.Rule)
		}
	}
}
