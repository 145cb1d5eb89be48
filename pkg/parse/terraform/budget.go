package terraform

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// A few lines of HCL can build values of any size: ten replace() calls that
// each square a string, count = 10000 over a 256 KiB string, three nested
// for expressions over a thousand items. Go cannot recover from running out
// of memory, so evaluation keeps budgets (settings.Values): every function
// result and every expression's value against the budget of one value, and
// the values built from each file and in the whole run against theirs.
// Functions whose result can be far larger than their arguments (replace,
// join, indent, format, formatlist) check the size before building it, and
// for expressions charge their iterations, so nested loops stop early.

// budgetError is a function result refused by the value budget; scope.eval
// keeps it an error (other function errors become unknown values).
type budgetError struct{ msg string }

func (e *budgetError) Error() string { return e.msg }

func overValue(what string, b settings.Budget) error {
	return &budgetError{msg: fmt.Sprintf("%s larger than %d bytes or %d elements (the budget of one value); not computed",
		what, b.Bytes, b.Elements)}
}

// measure returns the string bytes and collection elements of v, stopping
// as soon as either passes limit (over is then true).
func measure(v cty.Value, limit settings.Budget) (used settings.Budget, over bool) {
	var walk func(v cty.Value) bool
	walk = func(v cty.Value) bool {
		v, _ = v.Unmark()
		if !v.IsKnown() || v.IsNull() {
			return true
		}
		t := v.Type()
		switch {
		case t == cty.String:
			used.Bytes += int64(len(v.AsString()))
		case t.IsPrimitiveType():
			used.Bytes += 8
		case t.IsCollectionType() || t.IsTupleType() || t.IsObjectType():
			used.Elements += v.LengthInt()
			if used.Elements > limit.Elements {
				return false
			}
			keyed := t.IsMapType() || t.IsObjectType()
			for it := v.ElementIterator(); it.Next(); {
				k, e := it.Element()
				if keyed {
					used.Bytes += int64(len(k.AsString()))
				}
				if !walk(e) {
					return false
				}
			}
		}
		return used.Bytes <= limit.Bytes && used.Elements <= limit.Elements
	}
	return used, !walk(v)
}

// valueBudget is the run's account of the values evaluation built.
type valueBudget struct {
	limits settings.Values
	run    settings.Budget
	files  map[string]*settings.Budget
	// spent marks files (and "" for the run) whose budget ran out: their
	// expressions are no longer evaluated, and the error is reported once.
	spent map[string]bool
}

func newValueBudget(limits settings.Values) *valueBudget {
	return &valueBudget{limits: limits, files: map[string]*settings.Budget{}, spent: map[string]bool{}}
}

// exhausted reports whether values from file may no longer be built.
func (b *valueBudget) exhausted(file string) bool { return b.spent[""] || b.spent[file] }

// charge adds used to file's and the run's accounts; it returns a diagnostic
// at rng the first time a budget runs out.
func (b *valueBudget) charge(file string, used settings.Budget, rng hcl.Range) *hcl.Diagnostic {
	f := b.files[file]
	if f == nil {
		f = &settings.Budget{}
		b.files[file] = f
	}
	f.Bytes += used.Bytes
	f.Elements += used.Elements
	b.run.Bytes += used.Bytes
	b.run.Elements += used.Elements
	var what string
	var limit settings.Budget
	switch {
	case b.run.Bytes > b.limits.Run.Bytes || b.run.Elements > b.limits.Run.Elements:
		if b.spent[""] {
			return nil
		}
		b.spent[""] = true
		what, limit = "the run", b.limits.Run
	case f.Bytes > b.limits.File.Bytes || f.Elements > b.limits.File.Elements:
		if b.spent[file] {
			return nil
		}
		b.spent[file] = true
		what, limit = "this file", b.limits.File
	default:
		return nil
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Values too large",
		Detail: fmt.Sprintf("the values built from %s pass %d bytes or %d elements (its value budget); from here on its expressions are not evaluated and their values are unknown.",
			what, limit.Bytes, limit.Elements),
		Subject: rng.Ptr()}
}

// check measures a value an expression at rng built and charges it. It
// returns a diagnostic when the value is over the budget of one value or a
// budget ran out; the value is then unknown.
func (b *valueBudget) check(v cty.Value, rng hcl.Range) (cty.Value, *hcl.Diagnostic) {
	used, over := measure(v, b.limits.Value)
	if over {
		return cty.DynamicVal, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Value too large",
			Detail: fmt.Sprintf("the expression builds a value larger than %d bytes or %d elements (the budget of one value); it is treated as unknown.",
				b.limits.Value.Bytes, b.limits.Value.Elements),
			Subject: rng.Ptr()}
	}
	if d := b.charge(rng.Filename, used, rng); d != nil {
		return cty.DynamicVal, d
	}
	return v, nil
}

// iterFuncName wraps the collection of every for expression (see
// rewriteExpr). The name cannot be written in Terraform code.
const iterFuncName = "__lattice_iter"

// iterFunc charges the iterations of a for expression to its file's and the
// run's element budgets. Once a budget is spent it returns an unknown
// collection, which HCL does not iterate: nested loops stop at once instead of
// failing once per iteration.
func (b *valueBudget) iterFunc(report func(*hcl.Diagnostic)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "collection", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true},
			{Name: "file", Type: cty.String}, {Name: "line", Type: cty.Number}, {Name: "column", Type: cty.Number},
			{Name: "byte", Type: cty.Number},
		},
		Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
			file := args[1].AsString()
			if b.exhausted(file) {
				return cty.UnknownVal(ret), nil
			}
			c, _ := args[0].Unmark()
			if !c.IsKnown() || c.IsNull() || !c.CanIterateElements() {
				return args[0], nil
			}
			line, _ := args[2].AsBigFloat().Int64()
			col, _ := args[3].AsBigFloat().Int64()
			off, _ := args[4].AsBigFloat().Int64()
			at := hcl.Pos{Line: int(line), Column: int(col), Byte: int(off)}
			if d := b.charge(file, settings.Budget{Elements: c.LengthInt()}, hcl.Range{Filename: file, Start: at, End: at}); d != nil {
				d.Detail = "the for expressions of " + strings.TrimPrefix(d.Detail, "the values built from ")
				report(d)
				return cty.UnknownVal(ret), nil
			}
			return args[0], nil
		},
	})
}

// iterCall wraps a for expression's collection in iterFunc.
func iterCall(coll hclsyntax.Expression) hclsyntax.Expression {
	r := coll.Range()
	lit := func(v cty.Value) hclsyntax.Expression { return &hclsyntax.LiteralValueExpr{Val: v, SrcRange: r} }
	return &hclsyntax.FunctionCallExpr{Name: iterFuncName,
		Args: []hclsyntax.Expression{coll, lit(cty.StringVal(r.Filename)),
			lit(cty.NumberIntVal(int64(r.Start.Line))), lit(cty.NumberIntVal(int64(r.Start.Column))),
			lit(cty.NumberIntVal(int64(r.Start.Byte)))},
		NameRange: r, OpenParenRange: r, CloseParenRange: r}
}

// budgeted wraps every function of fns (in place) so that a result over the
// budget of one value is an error, checked before the work for the functions
// that can outgrow their arguments.
func budgeted(fns map[string]function.Function, limit settings.Budget) {
	for name, fn := range fns {
		pre := preChecks[name]
		spec := &function.Spec{Params: fn.Params(), VarParam: fn.VarParam(), Type: fn.ReturnTypeForValues}
		spec.Impl = func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if pre != nil {
				if err := pre(args, limit); err != nil {
					return cty.NilVal, err
				}
			}
			v, err := fn.Call(args)
			if err != nil {
				return v, err
			}
			if _, over := measure(v, limit); over {
				return cty.NilVal, overValue("the result is", limit)
			}
			return v, nil
		}
		fns[name] = function.New(spec)
	}
}

// known returns the string of a known, non-null string argument.
func known(v cty.Value) (string, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// verb matches a format verb's flags, width and precision.
var verb = regexp.MustCompile(`%[-+# 0]*(\d*)(?:\.(\d*))?`)

// preChecks bound the result of a function from its arguments, before it is
// built: each returns an error when the result would pass limit.
var preChecks = map[string]func(args []cty.Value, limit settings.Budget) error{
	"replace": func(args []cty.Value, limit settings.Budget) error {
		s, ok1 := known(args[0])
		sub, ok2 := known(args[1])
		repl, ok3 := known(args[2])
		if !ok1 || !ok2 || !ok3 {
			return nil
		}
		var n int64
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			re, err := regexp.Compile(sub[1 : len(sub)-1])
			if err != nil {
				return nil // replace reports it
			}
			n = int64(len(re.FindAllStringIndex(s, int(limit.Bytes)+1)))
			if strings.Contains(repl, "$") {
				n *= int64(len(s)) + 1 // $1 may repeat a match as long as s
			}
		} else if sub != "" {
			n = int64(strings.Count(s, sub))
		}
		if int64(len(s))+n*int64(len(repl)) > limit.Bytes {
			return overValue("the result would be", limit)
		}
		return nil
	},
	"join": func(args []cty.Value, limit settings.Budget) error {
		sep, ok := known(args[0])
		if !ok {
			return nil
		}
		var total, n int64
		for _, l := range args[1:] {
			l, _ = l.Unmark()
			if !l.IsKnown() || l.IsNull() || !l.CanIterateElements() {
				continue
			}
			for it := l.ElementIterator(); it.Next(); {
				_, e := it.Element()
				if s, ok := known(e); ok {
					total += int64(len(s))
				}
				n++
			}
		}
		if total+n*int64(len(sep)) > limit.Bytes {
			return overValue("the result would be", limit)
		}
		return nil
	},
	"indent": func(args []cty.Value, limit settings.Budget) error {
		s, ok := known(args[1])
		sp, _ := args[0].Unmark()
		if !ok || !sp.IsKnown() || sp.IsNull() {
			return nil
		}
		spaces, _ := sp.AsBigFloat().Int64()
		if int64(len(s))+max(spaces, 0)*int64(strings.Count(s, "\n")+1) > limit.Bytes {
			return overValue("the result would be", limit)
		}
		return nil
	},
	"format":     formatCheck,
	"formatlist": formatCheck,
}

// formatCheck bounds format and formatlist: the format string with its widths
// and precisions, plus the arguments (as text, at most twice their size), for
// every element formatlist builds.
func formatCheck(args []cty.Value, limit settings.Budget) error {
	f, ok := known(args[0])
	if !ok {
		return nil
	}
	fixed := int64(len(f))
	for _, m := range verb.FindAllStringSubmatch(f, -1) {
		for _, num := range m[1:] {
			if num == "" {
				continue
			}
			w, err := strconv.ParseInt(num, 10, 64)
			if err != nil || w > limit.Bytes {
				return overValue("the result would be", limit)
			}
			fixed += w
		}
	}
	var argBytes int64
	rows := int64(1)
	for _, a := range args[1:] {
		used, over := measure(a, limit)
		if over {
			return overValue("an argument is", limit)
		}
		argBytes += 2*used.Bytes + 16*int64(used.Elements) + 16
		if a, _ := a.Unmark(); a.IsKnown() && !a.IsNull() && (a.Type().IsListType() || a.Type().IsTupleType()) {
			rows = max(rows, int64(a.LengthInt()))
		}
	}
	if fixed > limit.Bytes/rows || rows*fixed+argBytes > limit.Bytes {
		return overValue("the result would be", limit)
	}
	return nil
}

// isBudgetError reports whether d is a function call refused by the budget.
func isBudgetError(d *hcl.Diagnostic) bool {
	extra, ok := hcl.DiagnosticExtra[hclsyntax.FunctionCallDiagExtra](d)
	if !ok {
		return false
	}
	var be *budgetError
	return errors.As(extra.FunctionCallError(), &be)
}

// panicMarker starts the error go-cty makes of a function (or operator) that
// panicked: 1e1000000000 * 1e1000000000 overflows big.Float, log(0, 0) is NaN.
const panicMarker = "panic in function implementation: "

// tamePanic turns such a diagnostic (which quotes a Go stack) into a
// positioned input error: the arithmetic is invalid, the value unknown. It
// reports whether d was one.
func tamePanic(d *hcl.Diagnostic) bool {
	i := strings.Index(d.Detail, panicMarker)
	if i < 0 {
		return false
	}
	msg := d.Detail[i+len(panicMarker):]
	if j := strings.IndexByte(msg, '\n'); j >= 0 {
		msg = msg[:j]
	}
	if j := strings.Index(msg, " goroutine "); j >= 0 {
		msg = msg[:j]
	}
	d.Severity = hcl.DiagError
	d.Summary = "Invalid arithmetic"
	d.Detail = fmt.Sprintf("the result overflows or is undefined (%s); the value is unknown.", strings.TrimSpace(msg))
	return true
}
