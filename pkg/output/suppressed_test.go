package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// TestSuppressedHiddenUnlessAsked: text, JSON and GitHub leave suppressed
// findings out and count them; --show-suppressed brings them back, marked.
func TestSuppressedHiddenUnlessAsked(t *testing.T) {
	r := fullReport()
	reason := r.Suppressed[0].Justification
	message := r.Suppressed[0].Message
	for _, f := range []Format{FormatText, FormatJSON, FormatGitHub, FormatJUnit} {
		message := message
		switch f {
		case FormatJSON:
			b, _ := json.Marshal(message)
			message = strings.Trim(string(b), `"`)
		case FormatJUnit:
			message = r.Suppressed[0].Address // a skipped case names the entity
		}
		var hidden, shown bytes.Buffer
		if err := Write(&hidden, f, r, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := Write(&shown, f, r, Options{ShowSuppressed: true}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(hidden.String(), message) || strings.Contains(hidden.String(), reason) {
			t.Errorf("%s: a suppressed finding is listed without --show-suppressed", f)
		}
		if !strings.Contains(shown.String(), message) || !strings.Contains(shown.String(), reason) {
			t.Errorf("%s: --show-suppressed does not list the suppressed finding with its reason", f)
		}
	}

	var text bytes.Buffer
	if err := Write(&text, FormatText, r, Options{ShowSuppressed: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"suppressed warning[LAT-SEC-005]", "= suppressed: " + reason + " (main.tf:10:1)",
		"hidden: 1 suppressed finding, 1 by baseline .lattice-lint-baseline.json (2 recorded findings fixed: lint --write-baseline .lattice-lint-baseline.json drops them)"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text output lacks %q", want)
		}
	}

	var junit bytes.Buffer
	if err := Write(&junit, FormatJUnit, r, Options{ShowSuppressed: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(junit.String(), `<testsuites name="lattice-lint"`) || !strings.Contains(junit.String(), `skipped="2"`) ||
		!strings.Contains(junit.String(), `<skipped message="suppressed: `+reason) {
		t.Errorf("JUnit does not list the suppressed findings as skipped cases:\n%s", junit.String())
	}

	var gh bytes.Buffer
	if err := Write(&gh, FormatGitHub, r, Options{ShowSuppressed: true}); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(gh.String(), "\n") {
		if strings.Contains(line, reason) && !strings.HasPrefix(line, "::notice ") {
			t.Errorf("a suppressed finding must be a notice, not a failing annotation: %s", line)
		}
	}

	var js bytes.Buffer
	if err := Write(&js, FormatJSON, r, Options{ShowSuppressed: true}); err != nil {
		t.Fatal(err)
	}
	doc, err := DecodeJSON(&js)
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for _, f := range doc.Findings {
		if f.Suppression != nil {
			marked++
			if f.Suppression.Kind != report.InSource && f.Suppression.Kind != report.External {
				t.Errorf("suppression kind %q", f.Suppression.Kind)
			}
		}
	}
	if marked != len(r.Suppressed) || doc.Summary.Suppressed != 1 || doc.Summary.Baselined != 1 ||
		doc.Summary.BaselineFixed != 2 || doc.Summary.Findings != len(r.Findings) {
		b, _ := json.Marshal(doc.Summary)
		t.Errorf("%d marked findings, summary %s", marked, b)
	}
}
