package output

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/lattice-lint/lattice-lint/pkg/fingerprint"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// JSONReport is the document the json format writes, schema version
// report.SchemaVersion; docs/report-schema.md describes every field. Lists
// are never null, locations always have every key (0 = unknown), so consumers
// need no presence checks.
type JSONReport struct {
	SchemaVersion string           `json:"schema_version"`
	Tool          JSONTool         `json:"tool"`
	Root          string           `json:"root"`
	Summary       JSONSummary      `json:"summary"`
	Findings      []JSONFinding    `json:"findings"`
	Diagnostics   []JSONDiagnostic `json:"diagnostics"`
	Rules         []JSONRule       `json:"rules"`
}

// JSONTool identifies the producer.
type JSONTool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"information_uri"`
}

// JSONSummary holds the counts the text summary line prints.
type JSONSummary struct {
	Findings             int `json:"findings"`
	Errors               int `json:"errors"`
	Warnings             int `json:"warnings"`
	Infos                int `json:"infos"`
	FilesWithFindings    int `json:"files_with_findings"`
	Files                int `json:"files"`
	Entities             int `json:"entities"`
	Rules                int `json:"rules"`
	InputErrors          int `json:"input_errors"`
	InputWarnings        int `json:"input_warnings"`
	InputNotes           int `json:"input_notes"`
	FilesWithInputErrors int `json:"files_with_input_errors"`
	// Suppressed counts findings hidden by in-code suppressions, Baselined
	// those hidden by --baseline, BaselineFixed the recorded findings that
	// no longer occur.
	Suppressed    int `json:"suppressed"`
	Baselined     int `json:"baselined"`
	BaselineFixed int `json:"baseline_fixed"`
}

// JSONLocation is a source range; lines and columns are 1-based, columns count
// Unicode code points, the end is exclusive, and 0 means unknown.
type JSONLocation struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
}

// JSONFinding is one rule violation.
type JSONFinding struct {
	RuleID      string        `json:"rule_id"`
	Severity    string        `json:"severity"`
	Message     string        `json:"message"`
	Entity      string        `json:"entity"`
	Address     string        `json:"address"`
	Attribute   string        `json:"attribute"`
	Location    JSONLocation  `json:"location"`
	CallChain   []JSONFrame   `json:"call_chain"`
	Related     []JSONRelated `json:"related"`
	Fingerprint string        `json:"fingerprint"`
	// Suppression is set on suppressed findings (listed with
	// --show-suppressed) and absent on active ones.
	Suppression *JSONSuppression `json:"suppression,omitempty"`
}

// JSONSuppression says why a finding is hidden.
type JSONSuppression struct {
	// Kind is "inSource" (a lattice-lint:ignore comment or metadata entry)
	// or "external" (a baseline file), as in SARIF.
	Kind          string       `json:"kind"`
	Justification string       `json:"justification"`
	Location      JSONLocation `json:"location"`
}

// JSONFrame is one module call, outermost first.
type JSONFrame struct {
	Address  string       `json:"address"`
	Location JSONLocation `json:"location"`
}

// JSONRelated is another entity a finding involves.
type JSONRelated struct {
	Entity   string       `json:"entity"`
	Address  string       `json:"address"`
	Message  string       `json:"message"`
	Location JSONLocation `json:"location"`
}

// JSONDiagnostic is a problem with the input.
type JSONDiagnostic struct {
	Severity string       `json:"severity"`
	Summary  string       `json:"summary"`
	Detail   string       `json:"detail"`
	Location JSONLocation `json:"location"`
}

// JSONRule is the metadata of a rule that ran.
type JSONRule struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Remediation string `json:"remediation"`
	Severity    string `json:"severity"`
	HelpURI     string `json:"help_uri"`
	Builtin     bool   `json:"builtin"`
}

// NewJSONReport builds the JSON document for r in canonical order.
func NewJSONReport(r *report.Report) *JSONReport { return newJSONReport(r, Options{}) }

// newJSONReport is NewJSONReport with rendering options (ShowSuppressed).
func newJSONReport(r *report.Report, opts Options) *JSONReport {
	v := newView(r)
	s := v.summary()
	out := &JSONReport{
		SchemaVersion: report.SchemaVersion,
		Tool:          JSONTool{Name: ToolName, Version: r.Version, InformationURI: InformationURI},
		Root:          r.Root,
		Summary: JSONSummary{
			Findings: len(v.findings), Errors: s.errors, Warnings: s.warnings, Infos: s.infos,
			FilesWithFindings: s.filesWithFindings, Files: r.Files, Entities: r.Entities, Rules: len(v.rules),
			InputErrors: s.inputErrors, InputWarnings: s.inputWarnings, InputNotes: s.inputNotes,
			FilesWithInputErrors: s.filesWithInputErrors,
			Suppressed:           s.suppressed, Baselined: s.baselined,
		},
		Findings:    []JSONFinding{},
		Diagnostics: []JSONDiagnostic{},
		Rules:       []JSONRule{},
	}
	if r.Baseline != nil {
		out.Summary.BaselineFixed = r.Baseline.Fixed
	}
	for _, f := range v.shown(opts) {
		jf := JSONFinding{
			RuleID: f.RuleID, Severity: string(f.Severity), Message: f.Message,
			Entity: f.Entity, Address: f.Address, Attribute: f.Attribute,
			Location: jsonLocation(f.Range), CallChain: []JSONFrame{}, Related: []JSONRelated{},
			Fingerprint: fingerprint.Of(f, r.Root),
		}
		if sup, ok := v.suppression(f); ok {
			jf.Suppression = &JSONSuppression{Kind: sup.Kind, Justification: sup.Justification, Location: jsonLocation(sup.At)}
		}
		for _, fr := range f.CallChain {
			jf.CallChain = append(jf.CallChain, JSONFrame{Address: fr.Address, Location: jsonLocation(fr.Range)})
		}
		for _, rel := range f.Related {
			jf.Related = append(jf.Related, JSONRelated{
				Entity: rel.Entity, Address: rel.Address, Message: rel.Message, Location: jsonLocation(rel.Range),
			})
		}
		out.Findings = append(out.Findings, jf)
	}
	for _, d := range v.diags {
		out.Diagnostics = append(out.Diagnostics, JSONDiagnostic{
			Severity: string(d.Severity), Summary: d.Summary, Detail: d.Detail, Location: jsonLocation(d.Range),
		})
	}
	for _, ru := range v.rules {
		out.Rules = append(out.Rules, JSONRule{
			ID: ru.ID, Name: ru.Name, Title: ru.Title, Description: ru.Description, Remediation: ru.Remediation,
			Severity: string(ru.Severity), HelpURI: ru.HelpURI, Builtin: ru.Builtin,
		})
	}
	return out
}

func jsonLocation(r model.Range) JSONLocation {
	return JSONLocation{File: r.File, Line: r.Start.Line, Column: r.Start.Column, EndLine: r.End.Line, EndColumn: r.End.Column}
}

func writeJSON(w io.Writer, r *report.Report, opts Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // messages quote <placeholders>; keep them readable
	return enc.Encode(newJSONReport(r, opts))
}

// DecodeJSON reads a document written by the json format (a baseline, a
// previous run) and rejects schema versions this build does not know.
func DecodeJSON(rd io.Reader) (*JSONReport, error) {
	var doc JSONReport
	if err := json.NewDecoder(rd).Decode(&doc); err != nil {
		return nil, fmt.Errorf("decoding JSON report: %w", err)
	}
	if doc.SchemaVersion != report.SchemaVersion {
		return nil, fmt.Errorf("JSON report has schema_version %q, this lattice-lint reads %q",
			doc.SchemaVersion, report.SchemaVersion)
	}
	return &doc, nil
}
