package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseAndAttribute(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, DefaultFile)
	src := `
accounts:
  - path: net
    account: "111111111111"
    region: us-east-1
    name: network
  - path: net/special
    account: "333333333333"
rules:
  LAT-OBS-001: {enabled: false}
  LAT-SEC-005: {severity: error}
policies: [custom]
quotas:
  default: {listeners-per-service: 4}
  accounts:
    "222222222222": {rules-per-listener: 20}
  warn_at_percent: 90
`
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want Attribution
	}{
		{filepath.Join(dir, "net"), Attribution{Account: "111111111111", Region: "us-east-1", Name: "network"}},
		{filepath.Join(dir, "net", "main.tf"), Attribution{Account: "111111111111", Region: "us-east-1", Name: "network"}},
		{filepath.Join(dir, "net", "special", "x.yaml"), Attribution{Account: "333333333333"}},
		{filepath.Join(dir, "network"), Attribution{}}, // a prefix of the name is not a parent folder
		{filepath.Join(dir, "apps"), Attribution{}},
	}
	for _, tt := range tests {
		if got := c.Attribute(tt.path); got != tt.want {
			t.Errorf("Attribute(%s) = %+v, want %+v", tt.path, got, tt.want)
		}
	}
	if s := c.Rules["LAT-OBS-001"]; s.Enabled == nil || *s.Enabled {
		t.Errorf("LAT-OBS-001 not switched off: %+v", s)
	}
	o := c.Quotas.Overrides()
	if o.Default["listeners-per-service"] != 4 || o.Accounts["222222222222"]["rules-per-listener"] != 20 || o.WarnPercent != 90 {
		t.Errorf("quota overrides = %+v", o)
	}
	if p := c.PolicyDirs(); len(p) != 1 || p[0] != filepath.Join(dir, "custom") {
		t.Errorf("PolicyDirs() = %v", p)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown field", "accounts: []\nacounts: []\n", `x.yaml:2: unknown key "acounts"`},
		{"unknown nested field", "accounts:\n  - path: a\n    acount: '111111111111'\n", `x.yaml:3: unknown key "acount"`},
		{"wrong type", "accounts: []\npolicies: policies/custom\n", `x.yaml:2: the text "policie`},
		{"wrong nested type", "rules:\n  LAT-SEC-005: {enabled: maybe}\n", `x.yaml:2: the text "maybe" where true or false is expected`},
		{"bad account", "accounts:\n  - path: a\n    account: '12'\n", `x.yaml:3: accounts[0]: account "12" is not a 12-digit`},
		{"no path", "accounts:\n  - account: '111111111111'\n", "x.yaml:2: accounts[0]: path is required"},
		{"bad severity", "rules:\n  X:\n    severity: fatal\n", `x.yaml:3: rules.X: severity "fatal"`},
		{"bad glob", "ignore_paths: ['a/[b']\n", "x.yaml:1: ignore_paths[0]"},
		{"syntax", "accounts: [\n", "config x.yaml:"},
		{"unknown quota", "quotas:\n  default:\n    listener-per-service: 4\n", `x.yaml:3: quotas.default: no quota named "listener-per-service" (did you mean "listeners-per-service"?)`},
		{"hard quota", "quotas:\n  accounts:\n    '111111111111':\n      security-groups-per-vpc-association: 10\n", `x.yaml:4: quotas.accounts.111111111111: "security-groups-per-vpc-association" is a hard limit`},
		{"quota below 1", "quotas:\n  default: {rules-per-listener: 0}\n", `x.yaml:2: quotas.default: "rules-per-listener": 0 is not a quota value`},
		{"quota account", "quotas:\n  accounts:\n    prod: {rules-per-listener: 20}\n", `x.yaml:3: quotas.accounts: "prod" is not a 12-digit account id`},
		{"warn percent", "quotas: {warn_at_percent: 120}\n", `x.yaml:1: quotas.warn_at_percent: 120`},
		{"reserved tag key", "required_tags:\n  - Owner\n  - 'aws:team'\n", `x.yaml:3: required_tags[1]: "aws:team" is not a tag key you can set`},
		{"empty tag key", "required_tags: ['']\n", `x.yaml:1: required_tags[0]: "" is not a tag key`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), "x.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want containing %q", err, tt.want)
			}
		})
	}
	if _, err := Parse(nil, "empty.yaml"); err != nil {
		t.Fatalf("empty config: %v", err)
	}
}
