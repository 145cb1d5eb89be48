package rules

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// A policy can build a huge value in a single builtin call: replace() squares
// a string each time it is applied to itself, concat() or json.marshal() of an
// array holding one string a million times copies it a million times. One
// call cannot be interrupted, so neither the time limit nor the heap watchdog
// can stop it before Go runs out of memory. The builtins whose result can be
// much larger than their operands are therefore called through a wrapper that
// estimates the result's size from the operands first and refuses to build it
// past the limit. Calls are redirected to the wrapper by renaming them in the
// parsed modules, because OPA always prefers its own builtin to a custom
// function of the same name. (numbers.range builds its result step by step
// and checks for cancellation, so the watchdog stops it.)

// boundedPrefix names the wrappers: replace becomes lattice_lint.bounded.replace.
const boundedPrefix = "lattice_lint.bounded."

// resultSize estimates an upper bound of the bytes a builtin's result takes
// as text, from its operands; it may stop counting once past limit.
type resultSize func(ops []*ast.Term, limit int64) int64

// boundedBuiltins are the builtins called through a size check.
var boundedBuiltins = map[string]resultSize{
	"replace":                   replaceSize,
	"strings.replace_n":         replaceNSize,
	"regex.replace":             regexReplaceSize,
	"concat":                    concatSize,
	"sprintf":                   sprintfSize,
	"json.marshal":              marshalSize,
	"json.marshal_with_options": marshalSize,
	"yaml.marshal":              marshalSize,
}

// unboundableBuiltin reports builtins whose result size cannot be told from
// their operands (a template's loops, every path of a graph): refused.
func unboundableBuiltin(name string) bool {
	return name == "strings.render_template" || name == "graph.reachable_paths"
}

// boundBuiltinCalls renames the calls of bounded builtins in a module to their
// wrappers: `replace(a, b, c)` and `replace(a, b, c, out)` alike.
func boundBuiltinCalls(m *ast.Module) {
	rename := func(op *ast.Term) {
		if ref, ok := op.Value.(ast.Ref); ok {
			if _, bounded := boundedBuiltins[ref.String()]; bounded {
				op.Value = ast.MustParseRef(boundedPrefix + ref.String())
			}
		}
	}
	ast.WalkExprs(m, func(e *ast.Expr) bool {
		if ts, ok := e.Terms.([]*ast.Term); ok && len(ts) > 0 {
			rename(ts[0])
		}
		return false
	})
	ast.WalkTerms(m, func(t *ast.Term) bool {
		if c, ok := t.Value.(ast.Call); ok && len(c) > 0 {
			rename(c[0])
		}
		return false
	})
}

// boundedDecls are the wrappers' declarations, for the compiler's capabilities.
func boundedDecls() []*ast.Builtin {
	out := make([]*ast.Builtin, 0, len(boundedBuiltins))
	for name := range boundedBuiltins {
		out = append(out, &ast.Builtin{Name: boundedPrefix + name, Decl: ast.BuiltinMap[name].Decl})
	}
	return out
}

// boundedFunctions are the wrappers' implementations: check the estimate,
// then call OPA's builtin.
func boundedFunctions(limit int64) []func(*rego.Rego) {
	out := make([]func(*rego.Rego), 0, len(boundedBuiltins))
	for name, size := range boundedBuiltins {
		impl := topdown.GetBuiltin(name)
		decl := &rego.Function{Name: boundedPrefix + name, Decl: ast.BuiltinMap[name].Decl}
		out = append(out, rego.FunctionDyn(decl, func(bctx rego.BuiltinContext, ops []*ast.Term) (*ast.Term, error) {
			if n := size(ops, limit); n > limit {
				// A halt: an ordinary builtin error would only make the call
				// undefined and let evaluation go on.
				return nil, rego.NewHaltError(&ValueTooLargeError{Builtin: name, Limit: limit})
			}
			var res *ast.Term
			err := impl(bctx, ops, func(t *ast.Term) error { res = t; return nil })
			return res, err
		}))
	}
	return out
}

// ValueTooLargeError is a builtin call refused because its result would pass
// the limit on one value a policy builds.
type ValueTooLargeError struct {
	Builtin string
	Limit   int64
}

func (e *ValueTooLargeError) Error() string {
	return fmt.Sprintf("%s would build a value larger than %s, the limit for one value a policy builds; evaluation stopped",
		e.Builtin, byteSize(e.Limit))
}

// byteSize writes a limit in MiB when it is a whole number of them.
func byteSize(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// unbound maps the wrappers' names in compiler messages back to the builtins
// the policy author wrote.
func unbound(msg string) string { return strings.ReplaceAll(msg, boundedPrefix, "") }

func strOperand(t *ast.Term) string {
	if s, ok := t.Value.(ast.String); ok {
		return string(s)
	}
	return ""
}

// sat adds without overflowing.
func sat(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// satMul multiplies non-negative numbers without overflowing.
func satMul(a, b int64) int64 {
	if a != 0 && b > math.MaxInt64/a {
		return math.MaxInt64
	}
	return a * b
}

// replaceSize: every occurrence of old becomes new (an empty old matches
// between every two characters).
func replaceSize(ops []*ast.Term, _ int64) int64 {
	s, old, repl := strOperand(ops[0]), strOperand(ops[1]), strOperand(ops[2])
	n := int64(strings.Count(s, old))
	if int64(len(repl)) <= int64(len(old)) {
		return int64(len(s))
	}
	return sat(int64(len(s)), satMul(n, int64(len(repl)-len(old))))
}

// replaceNSize: at most one replacement per position, each at most the
// longest replacement.
func replaceNSize(ops []*ast.Term, _ int64) int64 {
	obj, ok := ops[0].Value.(ast.Object)
	s := strOperand(ops[1])
	if !ok {
		return int64(len(s))
	}
	longest := 0
	obj.Foreach(func(_, v *ast.Term) { longest = max(longest, len(strOperand(v))) })
	return sat(int64(len(s)), satMul(int64(len(s))+1, int64(longest)))
}

// regexReplaceSize: at most one match per position, each replaced by the
// replacement with every $group expanded to at most the whole input.
func regexReplaceSize(ops []*ast.Term, _ int64) int64 {
	s, repl := strOperand(ops[0]), strOperand(ops[2])
	per := sat(int64(len(repl)), satMul(int64(strings.Count(repl, "$")), int64(len(s))))
	return sat(int64(len(s)), satMul(int64(len(s))+1, per))
}

func concatSize(ops []*ast.Term, limit int64) int64 {
	delim := int64(len(strOperand(ops[0])))
	var n int64
	add := func(t *ast.Term) { n = sat(n, sat(int64(len(strOperand(t))), delim)) }
	switch c := ops[1].Value.(type) {
	case *ast.Array:
		for i := 0; i < c.Len() && n <= limit; i++ {
			add(c.Elem(i))
		}
	case ast.Set:
		c.Foreach(add)
	}
	return n
}

// sprintfSize: the format, every width and precision it writes, and each
// argument rendered (twice over, for %x and quoting).
func sprintfSize(ops []*ast.Term, limit int64) int64 {
	format := strOperand(ops[0])
	n := int64(len(format))
	for _, f := range strings.FieldsFunc(format, func(r rune) bool { return r < '0' || r > '9' }) {
		v, ok := new(big.Int).SetString(f, 10)
		if !ok || !v.IsInt64() {
			return math.MaxInt64
		}
		n = sat(n, v.Int64())
	}
	return sat(n, satMul(2, textSize(ops[1].Value, 0, limit)))
}

// marshalSize: the value as JSON or YAML, indented.
func marshalSize(ops []*ast.Term, limit int64) int64 { return textSize(ops[0].Value, 0, limit) }

// textSize estimates a value written as indented text: every scalar, key and
// separator, and an indentation per level, stopping once past limit. It
// counts what the text repeats: an array holding one string a million times
// is a million strings long, however little memory the array takes.
func textSize(v ast.Value, depth, limit int64) int64 {
	line := 4 + 2*depth
	switch x := v.(type) {
	case ast.String:
		return sat(int64(len(x)), line)
	case ast.Number:
		return sat(int64(len(x)), line)
	case *ast.Array:
		n := line
		for i := 0; i < x.Len() && n <= limit; i++ {
			n = sat(n, textSize(x.Elem(i).Value, depth+1, limit-n))
		}
		return n
	case ast.Set:
		n := line
		x.Until(func(t *ast.Term) bool {
			n = sat(n, textSize(t.Value, depth+1, limit-n))
			return n > limit
		})
		return n
	case ast.Object:
		n := line
		x.Until(func(k, val *ast.Term) bool {
			n = sat(n, sat(textSize(k.Value, depth+1, limit-n), textSize(val.Value, depth+1, limit-n)))
			return n > limit
		})
		return n
	}
	return line
}
