package rules

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

func rng(line, col, endCol int) model.Range {
	return model.Range{File: "main.tf", Start: model.Pos{Line: line, Column: col}, End: model.Pos{Line: line, Column: endCol}}
}

func meta(addr string, line int) model.Meta {
	return model.Meta{
		ID: "root//" + addr, Address: addr, Format: "terraform", Source: "root",
		Range: model.Range{File: "main.tf", Start: model.Pos{Line: line, Column: 1}, End: model.Pos{Line: line + 5, Column: 2}},
	}
}

// newModel adds entities and links them, failing the test on a bad entity.
func newModel(t testing.TB, es ...model.Entity) *model.Model {
	t.Helper()
	m := model.New()
	for _, e := range es {
		if err := m.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	m.Link()
	return m
}

func newEngine(t testing.TB, opts Options) *Engine {
	t.Helper()
	e, err := NewEngine(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// writePolicies writes files (name → content) into a fresh directory.
func writePolicies(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBuiltinRules(t *testing.T) {
	e := newEngine(t, Options{})
	rs := e.Rules()
	if len(rs) < 12 {
		t.Fatalf("got %d built-in rules, want at least 12", len(rs))
	}
	if !slices.IsSortedFunc(rs, func(a, b finding.Rule) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("Rules() is not sorted by id")
	}
	for _, r := range rs {
		if !r.Builtin || !strings.HasPrefix(r.File, "policies/") || r.HelpURI != helpBase+r.ID+".md" ||
			r.Package != "data.lattice.rules."+strings.ReplaceAll(r.Name, "-", "_") {
			t.Errorf("rule %s: unexpected metadata %+v", r.ID, r)
		}
	}
	// Rules returns a copy.
	rs[0].ID = "changed"
	if e.Rules()[0].ID == "changed" {
		t.Error("Rules() exposes the engine's slice")
	}
}

// lonelyService is a service with no association, no listener, default auth,
// declared in a module: several built-in rules fire on it.
func lonelyService() *model.Service {
	s := &model.Service{Meta: meta(`module.app.aws_vpclattice_service.api`, 3)}
	s.CallChain = []model.Frame{{Address: "module.app", Range: rng(40, 1, 20)}}
	s.AuthType = model.Default("NONE", s.Range)
	s.Name = model.Known("api", rng(4, 3, 20))
	return s
}

func TestEvaluateMapsFindingsToSource(t *testing.T) {
	e := newEngine(t, Options{})
	svc := lonelyService()
	svc.AuthType = model.Known("NONE", rng(5, 3, 22))
	fs, err := e.Evaluate(context.Background(), newModel(t, svc))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]finding.Finding{}
	for _, f := range fs {
		got[f.RuleID] = f
	}
	for _, id := range []string{"LAT-COR-001", "LAT-COR-002", "LAT-SEC-005", "LAT-OBS-001"} {
		f, ok := got[id]
		if !ok {
			t.Errorf("no %s finding; got %+v", id, fs)
			continue
		}
		if f.Entity != svc.ID || f.Address != svc.Address || !reflect.DeepEqual(f.CallChain, svc.CallChain) {
			t.Errorf("%s: entity/address/call chain not mapped: %+v", id, f)
		}
	}
	if f := got["LAT-SEC-005"]; f.Attribute != "auth_type" || f.Range != svc.AuthType.Range || f.Severity != finding.SeverityWarning {
		t.Errorf("LAT-SEC-005 should point at auth_type %v with warning, got %s %v %s", svc.AuthType.Range, f.Attribute, f.Range, f.Severity)
	}
	if f := got["LAT-COR-001"]; f.Range != svc.Range || f.Severity != finding.SeverityError {
		t.Errorf("LAT-COR-001 should point at the service %v as error, got %v %s", svc.Range, f.Range, f.Severity)
	}
	if f := got["LAT-OBS-001"]; f.Severity != finding.SeverityInfo {
		t.Errorf("LAT-OBS-001 on a service should be info (override), got %s", f.Severity)
	}
	if !slices.IsSortedFunc(fs, func(a, b finding.Finding) int {
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line - b.Range.Start.Line
		}
		return 0
	}) {
		t.Error("findings are not sorted by line")
	}
}

func TestEvaluateEmptyModel(t *testing.T) {
	e := newEngine(t, Options{})
	fs, err := e.Evaluate(context.Background(), newModel(t))
	if err != nil || len(fs) != 0 {
		t.Errorf("empty model: %v, %v", fs, err)
	}
	if _, err := e.Evaluate(context.Background(), nil); err == nil {
		t.Error("nil model: no error")
	}
}

// userPolicy returns a rule file in package lattice.rules.<name> with metadata.
func userPolicy(name, custom, body string) string {
	return "# METADATA\n# title: " + name + "\n# custom:\n" + custom +
		"package lattice.rules." + name + "\n\nimport data.lattice.lib\n\n" + body + "\n"
}

const validCustom = "#   id: ACME-001\n#   severity: warning\n#   remediation: fix it\n"

func TestUserPolicyFindings(t *testing.T) {
	svc := lonelyService()
	tg := &model.TargetGroup{Meta: meta("aws_vpclattice_target_group.tg", 30)}
	ls := &model.Listener{Meta: meta("aws_vpclattice_listener.l", 20)}
	ls.Service = model.Ref{Target: svc.ID, Attribute: "id", Range: rng(21, 3, 40)}
	ls.DefaultAction = model.Action{
		Type:    model.Known("forward", rng(23, 5, 20)),
		Range:   rng(22, 3, 30),
		Forward: []model.WeightedTarget{{TargetGroup: model.Ref{Target: tg.ID, Attribute: "id", Range: rng(24, 7, 50)}}},
	}
	ls.Port = model.Unknown[int](model.Range{}) // no range: the finding falls back
	m := newModel(t, svc, tg, ls)

	cases := []struct {
		name, body string
		want       finding.Finding
	}{{
		name: "attribute_path_with_index",
		body: `deny contains {"entity": l.id, "message": "m", "attribute": "default_action.forward[0].target_group",
			"related": [{"entity": l.default_action.forward[0].target_group.target, "message": "the group"}]} if some l in input.listeners`,
		want: finding.Finding{
			Severity: finding.SeverityWarning, Message: "m", Entity: ls.ID, Address: ls.Address,
			Attribute: "default_action.forward[0].target_group", Range: rng(24, 7, 50),
			Related: []finding.Related{{Entity: tg.ID, Address: tg.Address, Message: "the group", Range: tg.Range}},
		},
	}, {
		name: "missing_attribute_falls_back_to_nearest_range",
		body: `deny contains {"entity": l.id, "message": "m", "attribute": "default_action.forward[3].weight"} if some l in input.listeners`,
		want: finding.Finding{
			Severity: finding.SeverityWarning, Message: "m", Entity: ls.ID, Address: ls.Address,
			Attribute: "default_action.forward[3].weight", Range: rng(22, 3, 30),
		},
	}, {
		name: "attribute_without_range_falls_back_to_entity",
		body: `deny contains {"entity": l.id, "message": "m", "attribute": "port"} if some l in input.listeners`,
		want: finding.Finding{
			Severity: finding.SeverityWarning, Message: "m", Entity: ls.ID, Address: ls.Address, Attribute: "port", Range: ls.Range,
		},
	}, {
		name: "severity_override_and_call_chain",
		body: `deny contains {"entity": s.id, "message": lib.name(s), "severity": "error"} if some s in input.services`,
		want: finding.Finding{
			Severity: finding.SeverityError, Message: svc.Address, Entity: svc.ID, Address: svc.Address,
			Range: svc.Range, CallChain: svc.CallChain,
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writePolicies(t, map[string]string{"acme/p.rego": userPolicy("acme_check", validCustom, tc.body)})
			e := newEngine(t, Options{PolicyDirs: []string{dir}})
			fs, err := e.Evaluate(context.Background(), m)
			if err != nil {
				t.Fatal(err)
			}
			var got []finding.Finding
			for _, f := range fs {
				if f.RuleID == "ACME-001" {
					got = append(got, f)
				}
			}
			tc.want.RuleID = "ACME-001"
			if len(got) != 1 || !reflect.DeepEqual(got[0], tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			r := e.Rules()[slices.IndexFunc(e.Rules(), func(r finding.Rule) bool { return r.ID == "ACME-001" })]
			if r.Builtin || r.Name != "acme-check" || r.HelpURI != "" || r.File != filepath.Join(dir, "acme", "p.rego") {
				t.Errorf("user rule metadata: %+v", r)
			}
		})
	}
}

func TestUserPolicyContract(t *testing.T) {
	body := `deny contains {"entity": s.id, "message": "m"} if some s in input.services`
	cases := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{"missing id", map[string]string{"a.rego": userPolicy("a", "#   severity: warning\n#   remediation: r\n", body)}, "custom.id is missing"},
		{"missing severity", map[string]string{"a.rego": userPolicy("a", "#   id: X-1\n#   remediation: r\n", body)}, "custom.severity is missing"},
		{"missing remediation", map[string]string{"a.rego": userPolicy("a", "#   id: X-1\n#   severity: info\n", body)}, "custom.remediation is missing"},
		{"bad severity", map[string]string{"a.rego": userPolicy("a", "#   id: X-1\n#   severity: fatal\n#   remediation: r\n", body)}, `unknown severity "fatal"`},
		{"no metadata", map[string]string{"a.rego": "package lattice.rules.a\n" + body}, "no package-scope # METADATA"},
		{"outside lattice.rules", map[string]string{"a.rego": "package acme.checks\n" + body}, "package acme.checks is not under lattice.rules"},
		{"nested package", map[string]string{"a.rego": strings.Replace(userPolicy("a", validCustom, body), "lattice.rules.a", "lattice.rules.team.a", 1)}, "one segment below lattice.rules"},
		{"overrides lib", map[string]string{"a.rego": "package lattice.lib\nx := 1\n"}, "package lattice.lib is not under"},
		{"duplicate id with built-in", map[string]string{"a.rego": userPolicy("a", "#   id: LAT-COR-001\n#   severity: info\n#   remediation: r\n", body)}, "reserved for built-in rules"},
		{"duplicate id between user policies", map[string]string{
			"a.rego": userPolicy("a", validCustom, body),
			"b.rego": userPolicy("b", validCustom, body),
		}, "rule id ACME-001 is already used by"},
		{"duplicate package", map[string]string{
			"a.rego":     userPolicy("a", validCustom, body),
			"sub/a.rego": userPolicy("a", "#   id: ACME-002\n#   severity: info\n#   remediation: r\n", body),
		}, "package lattice.rules.a is also declared in"},
		{"name does not match package", map[string]string{"a.rego": userPolicy("a", validCustom+"#   name: other\n", body)}, `custom.name "other" does not match`},
		{"unknown format", map[string]string{"a.rego": userPolicy("a", validCustom+"#   formats: [pulumi]\n", body)}, "custom.formats: pulumi is not one of"},
		{"formats not a list", map[string]string{"a.rego": userPolicy("a", validCustom+"#   formats: terraform\n", body)}, "custom.formats must be a non-empty list"},
		{"no deny rule", map[string]string{"a.rego": userPolicy("a", validCustom, `denied contains {"entity": s.id, "message": "m"} if some s in input.services`)},
			"package lattice.rules.a defines no deny rule"},
		{"syntax error", map[string]string{"a.rego": "package lattice.rules.a\ndeny contains if {"}, "a.rego"},
		{"no policies", map[string]string{"a_test.rego": "package lattice.rules.a_test\n"}, "no .rego policies"},
		{"http.send", map[string]string{"a.rego": userPolicy("a", validCustom,
			`deny contains {"entity": s.id, "message": r.body} if { some s in input.services; r := http.send({"method": "get", "url": "http://x"}) }`)},
			"http.send is not allowed in lattice-lint policies"},
		{"net lookup", map[string]string{"a.rego": userPolicy("a", validCustom,
			`deny contains {"entity": s.id, "message": "m"} if { some s in input.services; net.lookup_ip_addr("example.com") }`)},
			"net.lookup_ip_addr is not allowed"},
		{"opa.runtime", map[string]string{"a.rego": userPolicy("a", validCustom,
			`deny contains {"entity": s.id, "message": "m"} if { some s in input.services; opa.runtime() }`)},
			"opa.runtime is not allowed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writePolicies(t, tc.files)
			_, err := NewEngine(context.Background(), Options{PolicyDirs: []string{dir}})
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got error %v, want one containing %q", err, tc.wantErr)
			}
			if tc.name != "no policies" && !strings.Contains(err.Error(), dir) {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
	if _, err := NewEngine(context.Background(), Options{PolicyDirs: []string{filepath.Join(t.TempDir(), "nope")}}); err == nil {
		t.Error("missing policy directory: no error")
	}
}

func TestSamePolicyDirTwiceLoadsOnce(t *testing.T) {
	dir := writePolicies(t, map[string]string{"a.rego": userPolicy("a", validCustom,
		`deny contains {"entity": s.id, "message": "m"} if some s in input.services`)})
	t.Chdir(filepath.Dir(dir))
	spellings := []string{dir, dir + string(filepath.Separator), filepath.Join(dir, "..", filepath.Base(dir)), filepath.Base(dir)}
	e := newEngine(t, Options{PolicyDirs: spellings})
	if n := len(slices.DeleteFunc(e.Rules(), func(r finding.Rule) bool { return r.ID != "ACME-001" })); n != 1 {
		t.Errorf("ACME-001 loaded %d times, want once", n)
	}
}

func TestUserLibraryTestsAndHiddenFoldersAreAllowed(t *testing.T) {
	dir := writePolicies(t, map[string]string{
		"lib/acme.rego": "package lattice.lib.acme\n\nlabel(s) := concat(\": \", [\"acme\", s.address])\n",
		"a.rego": userPolicy("a", validCustom, `import data.lattice.lib.acme
deny contains {"entity": s.id, "message": acme.label(s)} if some s in input.services`),
		"a_test.rego":    "package lattice.rules.a_test\n\ntest_nothing if { false }\n",
		".git/junk.rego": "not rego at all",
	})
	e := newEngine(t, Options{PolicyDirs: []string{dir}})
	fs, err := e.Evaluate(context.Background(), newModel(t, lonelyService()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(fs, func(f finding.Finding) bool {
		return f.RuleID == "ACME-001" && f.Message == "acme: module.app.aws_vpclattice_service.api"
	}) {
		t.Errorf("user rule with user library did not fire: %+v", fs)
	}
}

func TestEvaluateRejectsBadDenyObjects(t *testing.T) {
	cases := []struct{ name, body, wantErr string }{
		{"unknown entity", `deny contains {"entity": "nope", "message": "m"} if true`, `entity "nope" is not in the model`},
		{"missing entity", `deny contains {"message": "m"} if true`, `missing "entity"`},
		{"missing message", `deny contains {"entity": s.id} if some s in input.services`, `missing "message"`},
		{"bad severity", `deny contains {"entity": s.id, "message": "m", "severity": "fatal"} if some s in input.services`, `unknown severity "fatal"`},
		{"empty severity", `deny contains {"entity": s.id, "message": "m", "severity": ""} if some s in input.services`, `empty "severity"`},
		{"unknown key", `deny contains {"entity": s.id, "message": "m", "sevrity": "info"} if some s in input.services`, `unknown key "sevrity"`},
		{"not an object", `deny contains "service is bad" if true`, "must be an object"},
		{"bad attribute path", `deny contains {"entity": s.id, "message": "m", "attribute": "a[x]"} if some s in input.services`, "bad index"},
		{"unknown related entity", `deny contains {"entity": s.id, "message": "m", "related": [{"entity": "nope"}]} if some s in input.services`, `related: entity "nope"`},
		{"deny is not a set", `deny := {"entity": "x", "message": "m"}`, "deny must be a set"},
	}
	m := newModel(t, lonelyService())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writePolicies(t, map[string]string{"a.rego": userPolicy("a", validCustom, tc.body)})
			e := newEngine(t, Options{PolicyDirs: []string{dir}})
			_, err := e.Evaluate(context.Background(), m)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "ACME-001") {
				t.Fatalf("got %v, want an error naming ACME-001 and containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestEvaluateTimeout(t *testing.T) {
	dir := writePolicies(t, map[string]string{"slow.rego": userPolicy("slow", validCustom,
		`deny contains {"entity": s.id, "message": sprintf("%d", [n])} if {
	some s in input.services
	n := count([x | some x in numbers.range(1, 100000000); x % 7 == 3])
}`)})
	e := newEngine(t, Options{PolicyDirs: []string{dir}, Timeout: 100 * time.Millisecond})
	_, err := e.Evaluate(context.Background(), newModel(t, lonelyService()))
	if err == nil || !strings.Contains(err.Error(), "time limit") {
		t.Fatalf("got %v, want a time limit error", err)
	}
}

func TestParsePath(t *testing.T) {
	cases := []struct {
		in      string
		want    []any
		wantErr bool
	}{
		{"", nil, false},
		{"auth_type", []any{"auth_type"}, false},
		{"default_action.forward[0].target_group", []any{"default_action", "forward", 0, "target_group"}, false},
		{"ingress[2].prefix_lists.items[10]", []any{"ingress", 2, "prefix_lists", "items", 10}, false},
		{"a[1][2]", []any{"a", 1, 2}, false},
		{"a..b", nil, true},
		{"a[", nil, true},
		{"a[-1]", nil, true},
		{"a[1]x", nil, true},
		{"[0]", nil, true},
	}
	for _, tc := range cases {
		got, err := parsePath(tc.in)
		if (err != nil) != tc.wantErr || (!tc.wantErr && !reflect.DeepEqual(got, tc.want)) {
			t.Errorf("parsePath(%q) = %v, %v; want %v (error %v)", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestDedupeKeepsMostSevere(t *testing.T) {
	fs := dedupe([]finding.Finding{
		{RuleID: "A", Entity: "e", Message: "m", Severity: finding.SeverityInfo},
		{RuleID: "A", Entity: "e", Message: "m", Severity: finding.SeverityError},
		{RuleID: "A", Entity: "e", Message: "other", Severity: finding.SeverityInfo},
	})
	if len(fs) != 2 || fs[0].Severity != finding.SeverityError {
		t.Errorf("dedupe = %+v", fs)
	}
}

// TestEvaluateConcurrently backs the Engine doc comment: one engine serves
// parallel evaluations with identical results.
func TestEvaluateConcurrently(t *testing.T) {
	e := newEngine(t, Options{})
	m := syntheticModel(t, 30)
	want, err := e.Evaluate(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	results := make(chan []finding.Finding, 4)
	for range 4 {
		go func() {
			fs, err := e.Evaluate(context.Background(), m)
			if err != nil {
				t.Error(err)
			}
			results <- fs
		}()
	}
	for range 4 {
		if got := <-results; !reflect.DeepEqual(got, want) {
			t.Error("concurrent evaluation differs")
		}
	}
}

// TestAttributePathIndexesLists checks that [i] after a RefList or StringList
// attribute points at the item, not at the whole list.
func TestAttributePathIndexesLists(t *testing.T) {
	vpc := &model.VPC{Meta: meta("aws_vpc.v", 10), CIDRs: model.StringList{Known: true, Range: rng(11, 3, 60),
		Items: []model.Attr[string]{model.Known("10.0.0.0/16", rng(11, 20, 33)), model.Known("10.1.0.0/16", rng(12, 20, 33))}}}
	sg := &model.SecurityGroup{Meta: meta("aws_security_group.sg", 20), VPC: model.Ref{Target: vpc.ID, Attribute: "id", Range: rng(21, 3, 30)}, RulesKnown: true}
	a := &model.VPCAssociation{Meta: meta("aws_vpclattice_service_network_vpc_association.a", 30),
		VPC: model.Ref{Target: vpc.ID, Attribute: "id", Range: rng(31, 3, 30)},
		SecurityGroups: model.RefList{Known: true, Range: rng(32, 3, 60),
			Items: []model.Ref{{Target: sg.ID, Attribute: "id", Range: rng(32, 25, 50)}}}}
	m := newModel(t, vpc, sg, a)
	cases := []struct {
		name, body string
		want       model.Range
	}{
		{"ref list item", `deny contains {"entity": a.id, "message": "m", "attribute": "security_groups[0]"} if some a in input.service_network_vpc_associations`, rng(32, 25, 50)},
		{"string list item", `deny contains {"entity": v.id, "message": "m", "attribute": "cidr_blocks[1]"} if some v in input.vpcs`, rng(12, 20, 33)},
		{"index past the end falls back to the list", `deny contains {"entity": v.id, "message": "m", "attribute": "cidr_blocks[5]"} if some v in input.vpcs`, rng(11, 3, 60)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writePolicies(t, map[string]string{"a.rego": userPolicy("a", validCustom, tc.body)})
			fs, err := newEngine(t, Options{PolicyDirs: []string{dir}}).Evaluate(context.Background(), m)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(fs, func(f finding.Finding) bool { return f.RuleID == "ACME-001" })
			if i < 0 {
				t.Fatal("ACME-001 did not fire")
			}
			if fs[i].Range != tc.want {
				t.Errorf("range %v, want %v", fs[i].Range, tc.want)
			}
		})
	}
}

func TestRangeOfRejectsMalformedRanges(t *testing.T) {
	cases := map[string]string{
		"compact":       `{"range": ["main.tf", 3, 1, 4, 2]}`,
		"no range":      `{"x": 1}`,
		"null":          `{"range": null}`,
		"short":         `{"range": ["main.tf", 3, 1]}`,
		"file number":   `{"range": [1, 3, 1, 4, 2]}`,
		"string line":   `{"range": ["main.tf", "3", 1, 4, 2]}`,
		"fraction":      `{"range": ["main.tf", 3.5, 1, 4, 2]}`,
		"zero":          `{"range": ["", 0, 0, 0, 0]}`,
		"not an object": `["main.tf", 3, 1, 4, 2]`,
	}
	for name, src := range cases {
		v, err := ast.ValueFromReader(strings.NewReader(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r, ok := rangeOf(v)
		want := model.Range{File: "main.tf", Start: model.Pos{Line: 3, Column: 1}, End: model.Pos{Line: 4, Column: 2}}
		if name == "compact" {
			if !ok || r != want {
				t.Errorf("%s: got %v, %v; want %v", name, r, ok, want)
			}
		} else if ok {
			t.Errorf("%s: got range %v, want none", name, r)
		}
	}
}

// TestParallelEvaluationMatchesOneQuery checks that splitting the rule
// packages into groups evaluated at once changes no finding.
func TestParallelEvaluationMatchesOneQuery(t *testing.T) {
	m := syntheticModel(t, 30)
	want, err := newEngine(t, Options{Parallel: 1}).Evaluate(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("the synthetic model raises no finding: nothing to compare")
	}
	for _, n := range []int{2, 3, 40} {
		e := newEngine(t, Options{Parallel: n})
		if want := min(n*groupsPerWorker, len(e.byKey)); len(e.queries) != want {
			t.Errorf("Parallel %d: %d queries, want %d", n, len(e.queries), want)
		}
		got, err := e.Evaluate(context.Background(), m)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Parallel %d: %d findings, one query: %d", n, len(got), len(want))
		}
	}
}

func TestPartsDealEveryPackageOnce(t *testing.T) {
	keys := []string{"e", "b", "a", "d", "c"}
	for n := 0; n <= 7; n++ {
		ps := parts(keys, n)
		if want := max(min(n, len(keys)), 1); len(ps) != want {
			t.Errorf("n=%d: %d groups, want %d", n, len(ps), want)
		}
		seen := map[string]int{}
		for _, p := range ps {
			if len(p) == 0 {
				t.Errorf("n=%d: an empty group", n)
			}
			for _, k := range p {
				seen[k]++
			}
		}
		for _, k := range keys {
			if seen[k] != 1 {
				t.Errorf("n=%d: %s in %d groups", n, k, seen[k])
			}
		}
	}
}

// TestEvaluateStopsOnADoneContext: a context already done (a caller's
// deadline passed) must give an error, not an empty list of findings from
// queries never run.
func TestEvaluateStopsOnADoneContext(t *testing.T) {
	m := syntheticModel(t, 5)
	for _, n := range []int{1, 2} {
		e := newEngine(t, Options{Parallel: n})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		fs, err := e.Evaluate(ctx, m)
		if err == nil {
			t.Errorf("Parallel %d: no error on a cancelled context, %d findings", n, len(fs))
		}
	}
}
