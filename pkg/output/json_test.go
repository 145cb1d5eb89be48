package output

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/fingerprint"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// TestJSONRoundTrip decodes each JSON golden strictly into the documented
// types, encodes it again byte for byte, and checks that it carries the
// report: schema version, counts and every finding field.
func TestJSONRoundTrip(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", c.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields() // every field written is a documented field
			var doc JSONReport
			if err := dec.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			enc := json.NewEncoder(&again)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(&doc); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), data) {
				t.Errorf("re-encoding changed the document:\n%s", again.Bytes())
			}
			if doc.SchemaVersion != "1" {
				t.Errorf("schema_version = %q", doc.SchemaVersion)
			}
			checkJSONCarriesReport(t, &doc, c.report())
		})
	}
}

func checkJSONCarriesReport(t *testing.T, doc *JSONReport, r *report.Report) {
	t.Helper()
	if doc.Tool.Name != ToolName || doc.Tool.Version != r.Version || doc.Root != r.Root {
		t.Errorf("tool/root = %+v %q", doc.Tool, doc.Root)
	}
	counts := r.Counts()
	s := doc.Summary
	if s.Findings != len(r.Findings) || s.Errors != counts[finding.SeverityError] || s.Warnings != counts[finding.SeverityWarning] ||
		s.Infos != counts[finding.SeverityInfo] || s.Files != r.Files || s.Entities != r.Entities ||
		s.FilesWithInputErrors != r.Diagnostics.FilesWithErrors() {
		t.Errorf("summary %+v does not match the report", s)
	}
	if len(doc.Diagnostics) != len(r.Diagnostics) {
		t.Errorf("%d diagnostics, want %d", len(doc.Diagnostics), len(r.Diagnostics))
	}
	sorted := append([]finding.Finding(nil), r.Findings...)
	finding.SortFindings(sorted)
	if len(doc.Findings) != len(sorted) {
		t.Fatalf("%d findings, want %d", len(doc.Findings), len(sorted))
	}
	for i, f := range sorted {
		g := doc.Findings[i]
		if g.RuleID != f.RuleID || g.Severity != string(f.Severity) || g.Message != f.Message || g.Entity != f.Entity ||
			g.Address != f.Address || g.Attribute != f.Attribute || g.Location != jsonLocation(f.Range) ||
			g.Fingerprint != fingerprint.Of(f, r.Root) {
			t.Errorf("finding %d: %+v does not carry %+v", i, g, f)
		}
		if len(g.CallChain) != len(f.CallChain) || len(g.Related) != len(f.Related) {
			t.Errorf("finding %d: call chain or related entities lost", i)
			continue
		}
		for j, fr := range f.CallChain {
			if g.CallChain[j] != (JSONFrame{Address: fr.Address, Location: jsonLocation(fr.Range)}) {
				t.Errorf("finding %d frame %d: %+v", i, j, g.CallChain[j])
			}
		}
		for j, rel := range f.Related {
			if g.Related[j] != (JSONRelated{Entity: rel.Entity, Address: rel.Address, Message: rel.Message, Location: jsonLocation(rel.Range)}) {
				t.Errorf("finding %d related %d: %+v", i, j, g.Related[j])
			}
		}
	}
	ids := map[string]bool{}
	for i, ru := range doc.Rules {
		if ids[ru.ID] || (i > 0 && doc.Rules[i-1].ID > ru.ID) {
			t.Errorf("rules not unique and sorted at %s", ru.ID)
		}
		ids[ru.ID] = true
	}
}

func TestJSONListsAreNeverNull(t *testing.T) {
	var buf bytes.Buffer
	r := &report.Report{Findings: []finding.Finding{{RuleID: "X", Severity: finding.SeverityInfo, Range: model.Range{File: "a.tf"}}}}
	if err := Write(&buf, FormatJSON, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "null") {
		t.Errorf("null in JSON output:\n%s", buf.String())
	}
}

func TestDecodeJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, FormatJSON, fullReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	doc, err := DecodeJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) != len(fullReport().Findings) {
		t.Errorf("DecodeJSON: %d findings", len(doc.Findings))
	}
	future := strings.Replace(buf.String(), `"schema_version": "1"`, `"schema_version": "2"`, 1)
	if _, err := DecodeJSON(strings.NewReader(future)); err == nil {
		t.Error("DecodeJSON accepted schema_version 2")
	}
	if _, err := DecodeJSON(strings.NewReader("{")); err == nil {
		t.Error("DecodeJSON accepted truncated input")
	}
}
