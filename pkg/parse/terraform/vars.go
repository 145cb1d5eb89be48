package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/lattice-lint/lattice-lint/pkg/parse/nesting"
)

// assignment is a variable value from a tfvars file or the command line.
type assignment struct {
	expr hcl.Expression // from a file
	raw  *string        // from --var: a string, or HCL for non-string types
	rng  hcl.Range
}

// readVarFile reads a .tfvars or .tfvars.json file into assignments.
// user is true for --var-file, which may be anywhere.
func (l *loader) readVarFile(path string, into map[string]assignment, user bool) hcl.Diagnostics {
	// A --var-file applies to every root: read and report it once per run.
	if attrs, seen := l.varFiles[path]; seen {
		for n, a := range attrs {
			into[n] = assignment{expr: a.Expr, rng: a.Range}
		}
		return nil
	}
	l.varFiles[path] = nil
	read := l.readFile
	if user {
		read = l.readUserFile
	}
	src, d := read(path)
	if d != nil {
		return hcl.Diagnostics{d}
	}
	p := hclparse.NewParser()
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		f, diags = p.ParseJSON(src, l.rel(path))
	} else {
		f, diags = p.ParseHCL(src, l.rel(path))
	}
	l.files++
	if f == nil || diags.HasErrors() {
		return diags
	}
	l.sources[l.rel(path)] = src
	attrs, d2 := f.Body.JustAttributes()
	diags = append(diags, d2...)
	l.varFiles[path] = attrs
	for n, a := range attrs {
		into[n] = assignment{expr: a.Expr, rng: a.Range}
	}
	return diags
}

// rootAssignments gathers values for a root in Terraform's order of precedence:
// terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in name order,
// then --var-file and --var in command-line order.
func (l *loader) rootAssignments(dir string) (map[string]assignment, hcl.Diagnostics) {
	out := map[string]assignment{}
	var diags hcl.Diagnostics
	var files []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			files = append(files, filepath.Join(dir, n))
		}
	}
	if ents, err := os.ReadDir(dir); err == nil {
		var auto []string
		for _, e := range ents {
			if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
				auto = append(auto, filepath.Join(dir, n))
			}
		}
		sort.Strings(auto)
		files = append(files, auto...)
	}
	for _, f := range files {
		diags = append(diags, l.readVarFile(f, out, false)...)
	}
	for _, f := range l.opts.VarFiles {
		diags = append(diags, l.readVarFile(f, out, true)...)
	}
	for _, kv := range l.opts.Vars {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			continue // rejected by the CLI already
		}
		val := v
		out[k] = assignment{raw: &val, rng: hcl.Range{Filename: "--var " + k}}
	}
	return out, diags
}

// variable is the value of var.NAME, resolved on first use: for a root, an
// assignment (tfvars, --var) or the default; for a module instance, the call's
// argument evaluated in the caller's scope or the default. Without either the
// value is unknown, never a guess. Values are converted to the declared type,
// optional() attribute defaults applied.
func (s *scope) variable(name string, rng hcl.Range) cty.Value {
	if v, ok := s.varVals[name]; ok {
		return v
	}
	vd, ok := s.decl.variables[name]
	if !ok {
		s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Reference to undeclared input variable",
			Detail: fmt.Sprintf("var.%s is not declared; the value is treated as unknown.", name), Subject: rng.Ptr()})
		s.varVals[name] = cty.DynamicVal
		return cty.DynamicVal
	}
	return s.memo(s.varVals, "var."+name, vd.rng, func() cty.Value { return s.resolveVariable(vd) })
}

func (s *scope) resolveVariable(v *variableDecl) cty.Value {
	var val cty.Value
	var rng hcl.Range
	set := false
	if s.inst == nil {
		if a, ok := s.root.assign[v.name]; ok {
			set = true
			if a.raw != nil {
				val, rng = s.rawVar(*a.raw, v), a.rng
			} else {
				val, rng = evalConst(s, a.expr), a.rng
			}
		}
	} else if a, ok := s.inst.ms.call.args[v.name]; ok {
		set = true
		val, rng = s.parent.eval(a.Expr, s.inst.iter()), a.Expr.Range()
	}
	// A null argument takes the default only when the variable is not nullable.
	if set && !v.nullable && val.IsKnown() && val.IsNull() {
		set = false
	}
	if !set {
		if v.defaults == nil {
			return cty.DynamicVal // no value: unknown, never a default
		}
		val, rng = evalConst(s, v.defaults), v.defaults.Range()
	}
	if !v.hasType || val.IsNull() && val.IsKnown() {
		return val
	}
	if v.optionals != nil && val.IsKnown() {
		u, pvm := val.UnmarkDeepWithPaths()
		val = v.optionals.Apply(u).MarkWithPaths(pvm)
	}
	conv, err := convert.Convert(val, v.typ)
	if err != nil {
		s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid value for variable",
			Detail: fmt.Sprintf("var.%s: %s; the value is treated as unknown.", v.name, err), Subject: rng.Ptr()})
		return cty.DynamicVal
	}
	return conv
}

// evalConst evaluates a tfvars value or default: no references allowed, but functions are.
func evalConst(s *scope, expr hcl.Expression) cty.Value {
	v, diags := expr.Value(&hcl.EvalContext{Functions: s.funcs})
	diags = unwrapCondDiags(diags)
	for _, d := range diags {
		if !templateDiag(d) {
			tamePanic(d)
		}
		s.l.addDiag(d)
	}
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	v, d := s.l.values.check(v, expr.Range())
	if d != nil {
		s.l.addDiag(d)
	}
	return v
}

// rawVar interprets --var name=value the way Terraform does: a string for
// string (or untyped) variables, HCL syntax otherwise.
func (s *scope) rawVar(raw string, v *variableDecl) cty.Value {
	if !v.hasType || v.typ == cty.String || v.typ == cty.DynamicPseudoType {
		return cty.StringVal(raw)
	}
	// The parser recurses per nesting level: check the depth first, as for files.
	if e := nesting.Expression([]byte(raw), 0); e != nil {
		s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid value for variable",
			Detail: fmt.Sprintf("--var %s: %v; the value is treated as unknown.", v.name, e), Subject: &hcl.Range{Filename: "--var " + v.name}})
		return cty.DynamicVal
	}
	expr, diags := hclsyntax.ParseExpression([]byte(raw), "--var "+v.name, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		for _, d := range diags {
			s.l.addDiag(d)
		}
		return cty.DynamicVal
	}
	return evalConst(s, expr)
}
