package output

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/fingerprint"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// TestSARIFGoldens validates every SARIF golden against the SARIF 2.1.0
// schema (a copy in testdata) and checks what GitHub code scanning relies on.
func TestSARIFGoldens(t *testing.T) {
	schema := compileSARIFSchema(t)
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", c.name+".sarif"))
			if err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Fatalf("%s.sarif does not validate against the SARIF 2.1.0 schema: %v", c.name, err)
			}
			var log sarifLog
			if err := json.Unmarshal(data, &log); err != nil {
				t.Fatal(err)
			}
			checkSARIF(t, &log, c.report())
		})
	}
}

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri formats matter: code scanning rejects bad ones
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func checkSARIF(t *testing.T, log *sarifLog, r *report.Report) {
	t.Helper()
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with one run", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	drv := run.Tool.Driver
	if drv.Name != ToolName || drv.Version != r.Version || drv.InformationURI == "" {
		t.Errorf("driver = %q %q %q", drv.Name, drv.Version, drv.InformationURI)
	}
	if _, ok := run.OriginalURIBaseIDs[srcRoot]; !ok {
		t.Errorf("originalUriBaseIds has no %s", srcRoot)
	}

	// Rules: unique ids, the report's metadata carried over, levels mapped.
	byID := map[string]finding.Rule{}
	for _, ru := range r.Rules {
		byID[ru.ID] = ru
	}
	seen := map[string]bool{}
	for _, d := range drv.Rules {
		if seen[d.ID] {
			t.Errorf("rule %s listed twice in tool.driver.rules", d.ID)
		}
		seen[d.ID] = true
		if d.ShortDescription.Text == "" {
			t.Errorf("rule %s: empty shortDescription", d.ID)
		}
		ru, known := byID[d.ID]
		if !known {
			continue
		}
		if d.HelpURI != ru.HelpURI {
			t.Errorf("rule %s: helpUri %q, want %q", d.ID, d.HelpURI, ru.HelpURI)
		}
		if ru.Builtin && d.HelpURI == "" {
			t.Errorf("built-in rule %s has no helpUri", d.ID)
		}
		if ru.Remediation != "" && (d.Help == nil || d.Help.Text != ru.Remediation) {
			t.Errorf("rule %s: help %+v, want the remediation %q", d.ID, d.Help, ru.Remediation)
		}
		if want := map[finding.Severity]string{"error": "error", "warning": "warning", "info": "note"}[ru.Severity]; d.DefaultConfiguration.Level != want {
			t.Errorf("rule %s: level %q for severity %s, want %q", d.ID, d.DefaultConfiguration.Level, ru.Severity, want)
		}
	}
	for id := range byID {
		if !seen[id] {
			t.Errorf("rule %s ran but is not in tool.driver.rules", id)
		}
	}

	if len(run.Results) != len(r.Findings)+len(r.Suppressed) {
		t.Fatalf("%d results for %d findings and %d suppressed", len(run.Results), len(r.Findings), len(r.Suppressed))
	}
	findings := map[string]finding.Finding{}
	for _, f := range r.Findings {
		findings[fingerprint.Of(f, r.Root)] = f
	}
	suppressed := map[string]report.Suppressed{}
	for _, s := range r.Suppressed {
		findings[fingerprint.Of(s.Finding, r.Root)] = s.Finding
		suppressed[fingerprint.Of(s.Finding, r.Root)] = s
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(drv.Rules) || drv.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %d does not point at its rule", res.RuleID, res.RuleIndex)
		}
		fp := res.PartialFingerprints[fingerprint.Key]
		f, ok := findings[fp]
		if !ok {
			t.Errorf("result %s: partial fingerprint %q matches no finding", res.RuleID, fp)
			continue
		}
		if sup, isSup := suppressed[fp]; isSup != (len(res.Suppressions) == 1) {
			t.Errorf("result %s: suppressions %+v, suppressed %v", res.RuleID, res.Suppressions, isSup)
		} else if isSup && (res.Suppressions[0].Kind != sup.Kind || res.Suppressions[0].Justification != sup.Justification) {
			t.Errorf("result %s: suppression %+v, want kind %s and the reason %q", res.RuleID, res.Suppressions[0], sup.Kind, sup.Justification)
		}
		if len(res.Locations) != 1 {
			t.Errorf("result %s: %d locations, want exactly 1 (others go to relatedLocations)", res.RuleID, len(res.Locations))
			continue
		}
		checkLocation(t, res.RuleID, res.Locations[0], f.Range)
		if f.Address != "" {
			ll := res.Locations[0].LogicalLocations
			if len(ll) == 0 || ll[0].FullyQualifiedName != f.Address || ll[0].Kind != "resource" {
				t.Errorf("result %s: logical location %+v, want resource %q", res.RuleID, ll, f.Address)
			}
		}
		if want := len(f.Related) + len(f.CallChain); len(res.RelatedLocations) != want {
			t.Errorf("result %s: %d related locations, want %d", res.RuleID, len(res.RelatedLocations), want)
		}
		ids := map[int]bool{}
		for i, rl := range res.RelatedLocations {
			if rl.ID == nil || ids[*rl.ID] || rl.Message == nil || rl.Message.Text == "" {
				t.Errorf("result %s: related location %d needs a unique id and a message: %+v", res.RuleID, i, rl)
				continue
			}
			ids[*rl.ID] = true
			var want model.Range
			if i < len(f.Related) {
				want = f.Related[i].Range
			} else {
				want = f.CallChain[i-len(f.Related)].Range
				if !strings.HasPrefix(rl.Message.Text, "module call") {
					t.Errorf("result %s: module frame message %q", res.RuleID, rl.Message.Text)
				}
			}
			checkLocation(t, res.RuleID, rl, want)
		}
	}

	// Input diagnostics: notifications, and a failed execution when any is an error.
	inv := run.Invocations
	if len(inv) != 1 {
		t.Fatalf("%d invocations, want 1", len(inv))
	}
	if inv[0].ExecutionSuccessful == r.Diagnostics.HasErrors() {
		t.Errorf("executionSuccessful = %v with input errors = %v", inv[0].ExecutionSuccessful, r.Diagnostics.HasErrors())
	}
	errs := 0
	for _, n := range inv[0].ToolExecutionNotifications {
		if n.Level == "error" {
			errs++
		}
	}
	want := 0
	for _, d := range r.Diagnostics {
		if d.Severity == "error" {
			want++
		}
	}
	if errs != want {
		t.Errorf("%d error notifications for %d input errors", errs, want)
	}
}

// checkLocation asserts a SARIF location is the given range: a relative uri
// on %SRCROOT% with forward slashes, startLine >= 1, the same columns.
func checkLocation(t *testing.T, what string, loc sarifLocation, want model.Range) {
	t.Helper()
	pl := loc.PhysicalLocation
	if want.File == "" {
		if pl != nil {
			t.Errorf("%s: physical location %+v for a finding without a file", what, pl)
		}
		return
	}
	if pl == nil {
		t.Errorf("%s: no physical location for %s", what, want)
		return
	}
	al := pl.ArtifactLocation
	if al.URI == "" || al.URIBaseID != srcRoot || strings.HasPrefix(al.URI, "/") || strings.Contains(al.URI, ":") || strings.Contains(al.URI, `\`) {
		t.Errorf("%s: artifact location %+v, want a relative uri on %s", what, al, srcRoot)
	}
	if al.URI != want.File {
		t.Errorf("%s: uri %q, want %q", what, al.URI, want.File)
	}
	reg := pl.Region
	if want.Start.Line == 0 {
		if reg != nil {
			t.Errorf("%s: region %+v for a whole-file range", what, reg)
		}
		return
	}
	if reg == nil || reg.StartLine < 1 || reg.StartLine != want.Start.Line || reg.StartColumn != want.Start.Column ||
		reg.EndLine != want.End.Line || reg.EndColumn != want.End.Column {
		t.Errorf("%s: region %+v, want %s-%d:%d", what, reg, want, want.End.Line, want.End.Column)
	}
}

func TestArtifactLocation(t *testing.T) {
	tests := []struct {
		in, uri, base string
	}{
		{"main.tf", "main.tf", srcRoot},
		{"./modules/app/main.tf", "modules/app/main.tf", srcRoot},
		{`stacks\net.yaml`, "stacks/net.yaml", srcRoot},
		{"my stacks/a#b.yaml", "my%20stacks/a%23b.yaml", srcRoot},
		{"c:odd.tf", "./c:odd.tf", srcRoot},
		{"../shared/main.tf", "../shared/main.tf", srcRoot},
		{"/opt/modules/x/main.tf", "file:///opt/modules/x/main.tf", ""},
		{`C:\modules\x.tf`, "file:///C:/modules/x.tf", ""},
	}
	for _, tt := range tests {
		got := artifactLocation(tt.in)
		if got.URI != tt.uri || got.URIBaseID != tt.base {
			t.Errorf("artifactLocation(%q) = %q on %q, want %q on %q", tt.in, got.URI, got.URIBaseID, tt.uri, tt.base)
		}
	}
	if got := rootLocation("/work/my infra"); got.URI != "file:///work/my%20infra/" {
		t.Errorf("rootLocation = %+v", got)
	}
	if got := rootLocation("."); got.URI != "" || got.Description == nil {
		t.Errorf("relative root must be described, not given as a uri: %+v", got)
	}
}

func TestPhysicalLocationRegions(t *testing.T) {
	tests := []struct {
		name string
		in   model.Range
		want *sarifRegion
	}{
		{"single line", rng("a.tf", 3, 5, 3, 9), &sarifRegion{StartLine: 3, StartColumn: 5, EndLine: 3, EndColumn: 9}},
		{"multi line", rng("a.tf", 3, 1, 7, 2), &sarifRegion{StartLine: 3, StartColumn: 1, EndLine: 7, EndColumn: 2}},
		{"start only", rng("a.tf", 3, 5, 0, 0), &sarifRegion{StartLine: 3, StartColumn: 5}},
		{"no column", rng("a.tf", 3, 0, 0, 0), &sarifRegion{StartLine: 3}},
		{"end before start", rng("a.tf", 3, 5, 2, 1), &sarifRegion{StartLine: 3, StartColumn: 5}},
		{"whole file", rng("a.tf", 0, 0, 0, 0), nil},
	}
	for _, tt := range tests {
		pl := physicalLocation(tt.in)
		if pl == nil {
			t.Fatalf("%s: no physical location", tt.name)
		}
		if got, _ := json.Marshal(pl.Region); string(got) != string(must(json.Marshal(tt.want))) {
			t.Errorf("%s: region %s, want %s", tt.name, got, must(json.Marshal(tt.want)))
		}
	}
	if physicalLocation(model.Range{}) != nil {
		t.Error("a range without a file must give no physical location")
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestSARIFRuleWithoutHelpURI(t *testing.T) {
	var buf bytes.Buffer
	r := &report.Report{Rules: []finding.Rule{{ID: "ACME-9", Severity: finding.SeverityInfo}}}
	if err := Write(&buf, FormatSARIF, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "helpUri") {
		t.Errorf("empty helpUri written (invalid uri):\n%s", buf.String())
	}
}

// TestSARIFSchemaRejects makes sure the schema check above has teeth: a
// golden broken in ways code scanning refuses must fail validation.
func TestSARIFSchemaRejects(t *testing.T) {
	schema := compileSARIFSchema(t)
	data, err := os.ReadFile(filepath.Join("testdata", "full.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	breakages := map[string]func(run map[string]any){
		"startLine 0": func(run map[string]any) {
			loc := run["results"].([]any)[1].(map[string]any)["locations"].([]any)[0].(map[string]any)
			loc["physicalLocation"].(map[string]any)["region"].(map[string]any)["startLine"] = 0
		},
		"unknown level": func(run map[string]any) {
			run["results"].([]any)[0].(map[string]any)["level"] = "fatal"
		},
		"message without text": func(run map[string]any) {
			run["results"].([]any)[0].(map[string]any)["message"] = map[string]any{}
		},
	}
	for name, breakIt := range breakages {
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		breakIt(doc["runs"].([]any)[0].(map[string]any))
		if err := schema.Validate(doc); err == nil {
			t.Errorf("%s: validation passed", name)
		}
	}
}
