package terraform

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// TestValueBudgets: a small source that builds a huge value is a positioned
// error, the value unknown, and the rest of the folder is read. Budgets are
// small here so each case stays cheap; the defaults are in package settings.
func TestValueBudgets(t *testing.T) {
	limits := settings.Limits{Values: settings.Values{
		Value: settings.Budget{Bytes: 64 << 10, Elements: 10_000},
		File:  settings.Budget{Bytes: 1 << 20, Elements: 50_000},
		Run:   settings.Budget{Bytes: 2 << 20, Elements: 100_000},
	}}
	use := func(expr string) string {
		return "locals {\n  x = " + expr + "\n}\n" + `resource "aws_vpclattice_service" "b" {` + "\n  name = local.x\n}\n"
	}
	tests := []struct {
		name, src, want string
	}{
		{"replace squares", "locals {\n  a = \"" + strings.Repeat("x", 300) + "\"\n  b = replace(local.a, \"x\", local.a)\n  c = replace(local.b, \"x\", local.b)\n}\n" +
			`resource "aws_vpclattice_service" "b" {` + "\n  name = local.c\n}\n",
			`b.tf:3:7: error: Value too large: Call to function "replace" failed: the result would be larger than 65536 bytes`},
		{"regex replace", use(`replace("` + strings.Repeat("ab", 200) + `", "/a/", "` + strings.Repeat("y", 400) + `")`),
			`b.tf:2:7: error: Value too large: Call to function "replace" failed`},
		{"join with a long separator", use(`join("` + strings.Repeat("s", 1000) + `", [for i in range(1000) : "a"])`),
			`b.tf:2:7: error: Value too large: Call to function "join" failed`},
		{"indent", use(`indent(100000, "a\nb")`), `b.tf:2:7: error: Value too large: Call to function "indent" failed`},
		{"format width", use(`format("%99999999999d", 1)`), `b.tf:2:7: error: Value too large: Call to function "format" failed`},
		{"formatlist", use(`formatlist("%1000s", range(1000))`), `b.tf:2:7: error: Value too large: Call to function "formatlist" failed`},
		{"template doubling", "locals {\n  a = \"" + strings.Repeat("x", 40000) + "\"\n  b = \"${local.a}${local.a}\"\n}\n" +
			`resource "aws_vpclattice_service" "b" {` + "\n  name = local.b\n}\n",
			`b.tf:3:7: error: Value too large: the template's string would be larger than 65536 bytes`},
		{"template of many interpolations", "locals {\n  a = \"" + strings.Repeat("x", 30000) + "\"\n  b = \"" + strings.Repeat("${local.a}", 4000) + "\"\n}\n" +
			`resource "aws_vpclattice_service" "b" {` + "\n  name = local.b\n}\n",
			`b.tf:3:7: error: Value too large: the template's string would be larger than 65536 bytes`},
		{"template for directive", "locals {\n  a = \"" + strings.Repeat("x", 30000) + "\"\n  b = \"%{for i in range(1000)}${local.a}%{endfor}\"\n}\n" +
			`resource "aws_vpclattice_service" "b" {` + "\n  name = local.b\n}\n",
			`b.tf:3:8: error: Value too large: the template's string would be larger than 65536 bytes`},
		{"count over a long string", "locals {\n  a = \"" + strings.Repeat("x", 30000) + "\"\n}\n" +
			`resource "aws_vpclattice_service" "b" {` + "\n  count = 100\n  name  = \"${local.a}-${count.index}\"\n}\n",
			`b.tf:6:11: error: Values too large: the values built from this file pass 1048576 bytes`},
		{"nested for", use(`[for a in range(100) : [for b in range(100) : [for c in range(100) : c]]]`),
			`b.tf:2:63: error: Values too large: the for expressions of this file pass`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ds := load(t, map[string]string{"b.tf": tt.src, "ok.tf": svc}, Options{Limits: limits})
			if got := messages(ds); !strings.Contains(got, tt.want) {
				t.Errorf("diagnostics lack %q:\n%s", tt.want, got)
			}
			entity[*model.Service](t, m, ".//aws_vpclattice_service.ok")
		})
	}
}

// TestValueBudgetsLeaveRealCodeAlone: ordinary use of the same functions
// stays well inside the default budgets.
func TestValueBudgetsLeaveRealCodeAlone(t *testing.T) {
	src := `locals {
  names = [for i in range(100) : format("svc-%03d", i)]
  all   = join(",", local.names)
  doc   = replace(indent(2, jsonencode({ a = local.names })), "svc", "service")
  rows  = formatlist("%s=%s", local.names, local.names)
}
resource "aws_vpclattice_service" "b" {
  name = "${substr(local.all, 0, 7)}-${length(local.rows)}-${length(local.doc) > 0}"
}
`
	m, ds := load(t, map[string]string{"b.tf": src}, Options{})
	if ds.HasErrors() {
		t.Fatalf("errors:\n%s", messages(ds))
	}
	if s := entity[*model.Service](t, m, ".//aws_vpclattice_service.b"); s.Name.Value != "svc-000-100-true" {
		t.Errorf("name = %+v", s.Name)
	}
}

// TestTemplateValues: templates rewritten for the budget build what HCL
// builds: the string, an unknown when a part is unknown, and HCL's error for
// a null part, at the part.
func TestTemplateValues(t *testing.T) {
	src := `variable "unset" { type = string }
variable "nothing" {
  type    = string
  default = null
}
resource "aws_vpclattice_service" "known" {
  name = "${"a"}-${1 + 1}-%{for x in ["p", "q"]}${x}%{endfor}"
}
resource "aws_vpclattice_service" "unknown" {
  name = "${var.unset}-${"x"}"
}
resource "aws_vpclattice_service" "null" {
  name = "${"x"}-${var.nothing}"
}
`
	m, ds := load(t, map[string]string{"b.tf": src}, Options{})
	if s := entity[*model.Service](t, m, ".//aws_vpclattice_service.known"); !model.Is(s.Name, "a-2-pq") {
		t.Errorf("known = %+v", s.Name)
	}
	if s := entity[*model.Service](t, m, ".//aws_vpclattice_service.unknown"); s.Name.Known {
		t.Errorf("a template with an unknown part must be unknown: %+v", s.Name)
	}
	if got, want := messages(ds), "b.tf:13:20: warning: Invalid template interpolation value: The expression result is null. Cannot include a null value in a string template."; !strings.Contains(got, want) {
		t.Errorf("diagnostics lack %q:\n%s", want, got)
	}
}

// TestInvalidArithmetic: an operator or function that panics inside go-cty
// is a positioned error without a Go stack, the value unknown.
func TestInvalidArithmetic(t *testing.T) {
	src := "locals {\n  a = 1e1000000000 * 1e1000000000 % 3\n  b = log(0, 0)\n}\n" +
		`resource "aws_vpclattice_service" "b" {` + "\n  name = \"${local.a}-${local.b}\"\n}\n"
	m, ds := load(t, map[string]string{"b.tf": src, "ok.tf": svc}, Options{})
	got := messages(ds)
	for _, want := range []string{"b.tf:2:7: error: Invalid arithmetic: the result overflows or is undefined (",
		"b.tf:3:7: error: Invalid arithmetic: the result overflows or is undefined ("} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "goroutine") || strings.Contains(got, ".go:") {
		t.Errorf("a Go stack reached the diagnostics:\n%s", got)
	}
	entity[*model.Service](t, m, ".//aws_vpclattice_service.ok")
}

// TestTemplateKeepsMarks: a template whose parts carry marks (a module
// argument, a modelled reference) keeps them; a nil mark set panicked on the
// first one, and the value came out unknown with a Go stack in the message.
func TestTemplateKeepsMarks(t *testing.T) {
	v, err := concatParts([]cty.Value{cty.StringVal("com.amazonaws."), cty.StringVal("ssm").Mark("arg")},
		settings.Budget{Bytes: 1 << 10, Elements: 10})
	if err != nil {
		t.Fatal(err)
	}
	if got, marks := v.Unmark(); got.AsString() != "com.amazonaws.ssm" || len(marks) != 1 {
		t.Errorf("got %#v with marks %v", got, marks)
	}
}
