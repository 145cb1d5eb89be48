package fingerprint

import (
	"regexp"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

func at(file string, line, col int) model.Range {
	return model.Range{File: file, Start: model.Pos{Line: line, Column: col}, End: model.Pos{Line: line, Column: col + 10}}
}

func base() finding.Finding {
	return finding.Finding{RuleID: "LAT-COR-004", Entity: "stacks/net.yaml//Assoc", Address: "Assoc",
		Attribute: "VpcIdentifier", Message: "VPC Vpc is already associated", Range: at("stacks/net.yaml", 10, 3),
		Related: []finding.Related{
			{Entity: "stacks/net.yaml//First", Address: "First", Message: "the first association", Range: at("stacks/net.yaml", 4, 3)},
			{Entity: "stacks/net.yaml//Vpc", Address: "Vpc", Range: at("stacks/net.yaml", 1, 3)},
		}}
}

// TestOfKeeps lists changes that must keep the fingerprint: code moving,
// messages reworded, a checkout in another place, related entities listed
// in another order or moved.
func TestOfKeeps(t *testing.T) {
	want := Of(base(), "/src")
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(want) {
		t.Fatalf("fingerprint %q is not 64 hex digits", want)
	}
	for name, change := range map[string]func(*finding.Finding){
		"lines moved": func(f *finding.Finding) {
			f.Range = at("stacks/net.yaml", 42, 7)
			f.Related[0].Range = at("stacks/net.yaml", 30, 1)
		},
		"message reworded":        func(f *finding.Finding) { f.Message = "reworded"; f.Related[0].Message = "" },
		"absolute root under src": func(f *finding.Finding) { f.Entity = "/src/stacks/net.yaml//Assoc" },
		"related reordered":       func(f *finding.Finding) { f.Related[0], f.Related[1] = f.Related[1], f.Related[0] },
		"severity changed":        func(f *finding.Finding) { f.Severity = finding.SeverityInfo },
		"call chain moved": func(f *finding.Finding) {
			f.CallChain = []model.Frame{{Address: "module.x", Range: at("main.tf", 99, 1)}}
		},
	} {
		f := base()
		change(&f)
		if got := Of(f, "/src"); got != want {
			t.Errorf("%s: fingerprint changed", name)
		}
	}
}

// TestOfChanges lists changes that make a different finding.
func TestOfChanges(t *testing.T) {
	want := Of(base(), "/src")
	seen := map[string]string{}
	for name, change := range map[string]func(*finding.Finding){
		"rule":      func(f *finding.Finding) { f.RuleID = "LAT-COR-003" },
		"address":   func(f *finding.Finding) { f.Address = "Assoc2"; f.Entity = "stacks/net.yaml//Assoc2" },
		"attribute": func(f *finding.Finding) { f.Attribute = "" },
		"template":  func(f *finding.Finding) { f.Entity = "stacks/other.yaml//Assoc" },
		"other partner": func(f *finding.Finding) {
			f.Related[0].Address = "Second"
			f.Related[0].Entity = "stacks/net.yaml//Second"
		},
		"no partners":     func(f *finding.Finding) { f.Related = nil },
		"partner's scope": func(f *finding.Finding) { f.Related[1].Entity = "stacks/vpc.yaml//Vpc" },
	} {
		f := base()
		change(&f)
		got := Of(f, "/src")
		if got == want {
			t.Errorf("changing the %s kept the fingerprint", name)
		}
		if other, dup := seen[got]; dup {
			t.Errorf("changing the %s and the %s gave the same fingerprint", name, other)
		}
		seen[got] = name
	}
}

// TestOfNoAmbiguousJoin: parts are separated, so moving text from one part
// to the next gives another fingerprint.
func TestOfNoAmbiguousJoin(t *testing.T) {
	a := finding.Finding{RuleID: "LAT-X", Address: "ab", Attribute: "c"}
	b := finding.Finding{RuleID: "LAT-X", Address: "a", Attribute: "bc"}
	if Of(a, "") == Of(b, "") {
		t.Error("address/attribute boundary is ambiguous")
	}
}

func TestScope(t *testing.T) {
	for _, tc := range []struct{ entity, root, want string }{
		{".//aws_vpc.a", "/src", "."},
		{"/src/stacks/a.yaml//Vpc", "/src", "stacks/a.yaml"},
		{"/elsewhere/a.yaml//Vpc", "/src", "../elsewhere/a.yaml"},
		{"no-scope", "/src", ""},
	} {
		if got := Scope(tc.entity, tc.root); got != tc.want {
			t.Errorf("Scope(%q, %q) = %q, want %q", tc.entity, tc.root, got, tc.want)
		}
	}
}
