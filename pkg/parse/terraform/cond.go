package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// condFuncName is the function conditionals are rewritten into. The name
// cannot be written in Terraform code (it starts with an underscore pair).
const condFuncName = "__lattice_cond"

// HCL marks the result of `c ? a : b` with the marks of both branches, even when
// c is known (Terraform's sensitivity rules need that). References travel as
// marks here, so a decided conditional must carry only the chosen branch's
// marks, or `var.x ? aws_a.x.id : aws_b.y.id` would name two resources. After
// parsing, every conditional (and template %{if}) becomes a call to condFunc,
// which receives its operands unevaluated and evaluates only the branch it
// chooses.
func rewriteConditionals(body *hclsyntax.Body) {
	for _, a := range body.Attributes {
		a.Expr = rewriteExpr(a.Expr)
	}
	for _, b := range body.Blocks {
		rewriteConditionals(b.Body)
	}
}

// rewriteExpr rewrites the conditionals in e and returns e, or the call that
// replaces it when e is itself a conditional.
func rewriteExpr(e hclsyntax.Expression) hclsyntax.Expression {
	switch e := e.(type) {
	case *hclsyntax.ConditionalExpr:
		r := e.SrcRange
		start := hcl.Range{Filename: r.Filename, Start: r.Start, End: r.Start}
		end := hcl.Range{Filename: r.Filename, Start: r.End, End: r.End}
		return &hclsyntax.FunctionCallExpr{Name: condFuncName,
			Args:      []hclsyntax.Expression{rewriteExpr(e.Condition), rewriteExpr(e.TrueResult), rewriteExpr(e.FalseResult)},
			NameRange: start, OpenParenRange: start, CloseParenRange: end}
	case *hclsyntax.ParenthesesExpr:
		e.Expression = rewriteExpr(e.Expression)
	case *hclsyntax.RelativeTraversalExpr:
		e.Source = rewriteExpr(e.Source)
	case *hclsyntax.FunctionCallExpr:
		rewriteAll(e.Args)
	case *hclsyntax.IndexExpr:
		e.Collection, e.Key = rewriteExpr(e.Collection), rewriteExpr(e.Key)
	case *hclsyntax.TupleConsExpr:
		rewriteAll(e.Exprs)
	case *hclsyntax.ObjectConsExpr:
		for i := range e.Items {
			e.Items[i].KeyExpr = rewriteExpr(e.Items[i].KeyExpr)
			e.Items[i].ValueExpr = rewriteExpr(e.Items[i].ValueExpr)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		e.Wrapped = rewriteExpr(e.Wrapped)
	case *hclsyntax.ForExpr:
		// The collection is charged to the element budget (budget.go).
		e.CollExpr, e.ValExpr = iterCall(rewriteExpr(e.CollExpr)), rewriteExpr(e.ValExpr)
		if e.KeyExpr != nil {
			e.KeyExpr = rewriteExpr(e.KeyExpr)
		}
		if e.CondExpr != nil {
			e.CondExpr = rewriteExpr(e.CondExpr)
		}
	case *hclsyntax.SplatExpr:
		e.Source, e.Each = rewriteExpr(e.Source), rewriteExpr(e.Each)
	case *hclsyntax.BinaryOpExpr:
		e.LHS, e.RHS = rewriteExpr(e.LHS), rewriteExpr(e.RHS)
	case *hclsyntax.UnaryOpExpr:
		e.Val = rewriteExpr(e.Val)
	case *hclsyntax.TemplateExpr:
		rewriteAll(e.Parts)
		return rewriteTemplate(e)
	case *hclsyntax.TemplateJoinExpr:
		e.Tuple = rewriteExpr(e.Tuple)
		return rewriteTemplateJoin(e)
	case *hclsyntax.TemplateWrapExpr:
		e.Wrapped = rewriteExpr(e.Wrapped)
	}
	return e
}

func rewriteAll(es []hclsyntax.Expression) {
	for i := range es {
		es[i] = rewriteExpr(es[i])
	}
}

// condDiags are the diagnostics of the chosen branch, returned as the error of
// condFunc; scope.eval unwraps them so they keep their own ranges.
type condDiags struct{ hcl.Diagnostics }

func (c condDiags) Error() string { return c.Diagnostics.Error() }

var condFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "condition", Type: customdecode.ExpressionClosureType},
		{Name: "true", Type: customdecode.ExpressionClosureType},
		{Name: "false", Type: customdecode.ExpressionClosureType},
	},
	// The result type is the chosen branch's: evaluating the branches twice
	// (once for the type, once for the value) would be exponential in nesting.
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		cond := customdecode.ExpressionClosureFromVal(args[0])
		cv, diags := cond.Value()
		if diags.HasErrors() {
			return cty.NilVal, condDiags{diags}
		}
		cv, _ = cv.Unmark()
		if cv.IsKnown() {
			if cv.IsNull() {
				return cty.NilVal, condDiags{hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Null condition",
					Detail: "The condition value is null. Conditions must either be true or false.", Subject: cond.Expression.Range().Ptr()}}}
			}
			b, err := convert.Convert(cv, cty.Bool)
			if err != nil {
				return cty.NilVal, condDiags{hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Incorrect condition type",
					Detail: fmt.Sprintf("The condition expression must be of type bool: %s.", err), Subject: cond.Expression.Range().Ptr()}}}
			}
			branch := customdecode.ExpressionClosureFromVal(args[2])
			if b.True() {
				branch = customdecode.ExpressionClosureFromVal(args[1])
			}
			v, diags := branch.Value()
			if diags.HasErrors() {
				return cty.NilVal, condDiags{diags}
			}
			return v, nil
		}
		// Unknown condition: either branch may be the value. Like HCL, the
		// result is unknown and carries what both branches refer to.
		tv, _ := customdecode.ExpressionClosureFromVal(args[1]).Value()
		fv, _ := customdecode.ExpressionClosureFromVal(args[2]).Value()
		tu, tm := tv.UnmarkDeep()
		fu, fm := fv.UnmarkDeep()
		if tu.IsNull() && fu.IsNull() && tu.IsKnown() && fu.IsKnown() {
			return cty.NullVal(cty.DynamicPseudoType).WithMarks(tm, fm), nil
		}
		t := cty.DynamicPseudoType
		if tu.Type().Equals(fu.Type()) {
			t = tu.Type()
		}
		return cty.UnknownVal(t).WithMarks(tm, fm), nil
	},
})

// unwrapCondDiags replaces a "function call failed" diagnostic raised by
// condFunc with the diagnostics of the branch that failed.
func unwrapCondDiags(diags hcl.Diagnostics) hcl.Diagnostics {
	var out hcl.Diagnostics
	for _, d := range diags {
		if extra, ok := hcl.DiagnosticExtra[hclsyntax.FunctionCallDiagExtra](d); ok && extra.CalledFunctionName() == condFuncName {
			if inner, ok := extra.FunctionCallError().(condDiags); ok {
				out = append(out, unwrapCondDiags(inner.Diagnostics)...)
				continue
			}
		}
		out = append(out, d)
	}
	return out
}
