package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// A string template builds its whole string before anything can measure it:
// "${local.a}${local.a}…" with four thousand interpolations of a 1 MiB value
// is 4 GB from a 40 KB file, and %{for} over a thousand items does the same.
// Templates with more than one interpolation, and template for directives,
// are therefore rewritten into calls of the functions below, which add up the
// parts' lengths first and refuse past the budget of one value, then build
// the string as HCL does.

// templateFuncName and templateJoinFuncName cannot be written in Terraform code.
const (
	templateFuncName     = "__lattice_template"
	templateJoinFuncName = "__lattice_template_join"
)

// rewriteTemplate returns the call replacing a template whose result may be
// much larger than any of its parts, or e unchanged.
func rewriteTemplate(e *hclsyntax.TemplateExpr) hclsyntax.Expression {
	n := 0
	for _, p := range e.Parts {
		if _, lit := p.(*hclsyntax.LiteralValueExpr); !lit {
			n++
		}
	}
	if n < 2 {
		return e
	}
	return &hclsyntax.FunctionCallExpr{Name: templateFuncName, Args: e.Parts,
		NameRange: e.SrcRange, OpenParenRange: e.SrcRange, CloseParenRange: e.SrcRange}
}

// rewriteTemplateJoin replaces a template for directive's join.
func rewriteTemplateJoin(e *hclsyntax.TemplateJoinExpr) hclsyntax.Expression {
	r := e.Tuple.Range()
	return &hclsyntax.FunctionCallExpr{Name: templateJoinFuncName, Args: []hclsyntax.Expression{e.Tuple},
		NameRange: r, OpenParenRange: r, CloseParenRange: r}
}

// templateFuncs are the two functions, bounded by the budget of one value.
func templateFuncs(limit settings.Budget) map[string]function.Function {
	anyValue := function.Parameter{Name: "part", Type: cty.DynamicPseudoType,
		AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true}
	return map[string]function.Function{
		templateFuncName: function.New(&function.Spec{
			VarParam: &anyValue,
			Type:     function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				return concatParts(args, limit)
			},
		}),
		templateJoinFuncName: function.New(&function.Spec{
			Params: []function.Parameter{anyValue},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				tuple, marks := args[0].Unmark()
				if !tuple.IsKnown() {
					return cty.UnknownVal(cty.String).WithMarks(marks), nil
				}
				if tuple.IsNull() || !tuple.CanIterateElements() {
					return cty.NilVal, fmt.Errorf("template for directive: a tuple of strings is required")
				}
				var parts []cty.Value
				for it := tuple.ElementIterator(); it.Next(); {
					_, v := it.Element()
					parts = append(parts, v)
				}
				v, err := concatParts(parts, limit)
				if err != nil {
					return v, err
				}
				return v.WithMarks(marks), nil
			},
		}),
	}
}

// concatParts builds a template's string from its parts' values as HCL does
// (an unknown part makes it unknown, the marks of every part carry over),
// after checking the total length against the budget.
func concatParts(parts []cty.Value, limit settings.Budget) (cty.Value, error) {
	var total int64
	for _, p := range parts {
		if s, ok := known(p); ok {
			total += int64(len(s))
		}
	}
	if total > limit.Bytes {
		return cty.NilVal, overValue("the template's string would be", limit)
	}
	var b strings.Builder
	b.Grow(int(total))
	marks := cty.ValueMarks{} // NewValueMarks() with no marks is a nil map
	isKnown := true
	for i, p := range parts {
		v, m := p.Unmark()
		for k := range m {
			marks[k] = struct{}{}
		}
		if v.IsNull() {
			return cty.NilVal, function.NewArgErrorf(i, "the expression result is null. Cannot include a null value in a string template")
		}
		if !v.IsKnown() {
			isKnown = false
			continue
		}
		s, err := convert.Convert(v, cty.String)
		if err != nil {
			return cty.NilVal, function.NewArgErrorf(i, "cannot include the given value in a string template: %s", err)
		}
		if isKnown {
			b.WriteString(s.AsString())
		}
	}
	if !isKnown {
		return cty.UnknownVal(cty.String).WithMarks(marks), nil
	}
	return cty.StringVal(b.String()).WithMarks(marks), nil
}

// templateDiag rewords a diagnostic of the template functions as HCL words a
// template's own; it reports whether d was one.
func templateDiag(d *hcl.Diagnostic) bool {
	extra, ok := hcl.DiagnosticExtra[hclsyntax.FunctionCallDiagExtra](d)
	if !ok {
		return false
	}
	switch extra.CalledFunctionName() {
	case templateFuncName, templateJoinFuncName:
	default:
		return false
	}
	if isBudgetError(d) {
		d.Summary = "Value too large"
		d.Detail = extra.FunctionCallError().Error() + "."
		return true
	}
	d.Summary = "Invalid template interpolation value"
	msg := extra.FunctionCallError().Error()
	d.Detail = strings.ToUpper(msg[:1]) + msg[1:] + "."
	return true
}
