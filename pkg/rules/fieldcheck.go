package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/lattice-lint/lattice-lint/policies"
)

// OPA's type checker reads a JSON Schema's "properties" but not
// "additionalProperties", and every model collection is an object keyed by
// entity id whose entities are its additionalProperties: OPA checks
// input.servics but not input.services[id].auth_typ. fieldChecker closes that
// gap for policies that declare `schemas: - input: schema.input`: it follows
// every reference rooted at input, or at a variable bound to an element of
// the input (some s in input.services, s := input.services[id], every s in
// …), through the model's JSON Schema, and reports a key the model cannot
// have. Variables bound otherwise (function arguments, lib.target) are not
// followed: the checker never guesses.

// fieldChecker walks references through the model's JSON Schema.
type fieldChecker struct {
	root map[string]any
	defs map[string]any
}

func newFieldChecker() (*fieldChecker, error) {
	var doc map[string]any
	if err := util.UnmarshalJSON(policies.InputSchema, &doc); err != nil {
		return nil, fmt.Errorf("rules: the model's JSON Schema: %w", err)
	}
	defs, _ := doc["definitions"].(map[string]any)
	return &fieldChecker{root: doc, defs: defs}, nil
}

// checkFields runs the field check over the modules that declare
// schema.input, before compiling (which rewrites the bodies it reads).
func checkFields(modules map[string]*ast.Module) error {
	fc, err := newFieldChecker()
	if err != nil {
		return err
	}
	names := make([]string, 0, len(modules))
	for n := range modules {
		names = append(names, n)
	}
	sort.Strings(names)
	var errs ast.Errors
	for _, n := range names {
		if declaresInputSchema(modules[n]) {
			errs = append(errs, fc.check(modules[n])...)
		}
	}
	if len(errs) > 0 {
		return compileError(errs)
	}
	return nil
}

// declaresInputSchema reports whether a module asks for schema.input.
func declaresInputSchema(m *ast.Module) bool {
	for _, a := range m.Annotations {
		for _, s := range a.Schemas {
			if s.Path.Equal(ast.InputRootRef) && s.Schema.Equal(ast.MustParseRef("schema.input")) {
				return true
			}
		}
	}
	return false
}

// resolve follows $ref to a definition.
func (c *fieldChecker) resolve(n map[string]any) map[string]any {
	for i := 0; n != nil && i < 8; i++ {
		ref, ok := n["$ref"].(string)
		if !ok {
			return n
		}
		d, _ := c.defs[strings.TrimPrefix(ref, "#/definitions/")].(map[string]any)
		n = d
	}
	return n
}

// step is the schema of n[key]. ok is false when the model cannot have the
// key; next is nil when the checker cannot tell what follows.
func (c *fieldChecker) step(n map[string]any, key *ast.Term) (next map[string]any, ok bool) {
	n = c.resolve(n)
	if n == nil {
		return nil, true
	}
	ap := n["additionalProperties"]
	if s, isString := key.Value.(ast.String); isString {
		if props, has := n["properties"].(map[string]any); has {
			if p, found := props[string(s)].(map[string]any); found {
				return p, true
			}
			if ap == false {
				return nil, false
			}
		}
		m, _ := ap.(map[string]any)
		return m, true
	}
	if _, isVar := key.Value.(ast.Var); !isVar {
		if _, isNum := key.Value.(ast.Number); !isNum {
			return nil, true
		}
	}
	if items, has := n["items"].(map[string]any); has {
		return items, true
	}
	m, _ := ap.(map[string]any)
	return m, true
}

// env binds variables to the schema of what they hold.
type env map[ast.Var]map[string]any

func (e env) clone() env {
	out := make(env, len(e))
	for k, v := range e {
		out[k] = v
	}
	return out
}

// node is the schema of a term: a reference from input or a bound variable.
// bad is the index of the first key the model cannot have, -1 if none.
func (c *fieldChecker) node(t *ast.Term, e env) (n map[string]any, bad int) {
	var ref ast.Ref
	switch v := t.Value.(type) {
	case ast.Ref:
		ref = v
	case ast.Var:
		return e[v], -1
	default:
		return nil, -1
	}
	head, ok := ref[0].Value.(ast.Var)
	if !ok {
		return nil, -1
	}
	switch {
	case head.Equal(ast.InputRootDocument.Value):
		n = c.root
	case e[head] != nil:
		n = e[head]
	default:
		return nil, -1
	}
	for i := 1; i < len(ref); i++ {
		next, ok := c.step(n, ref[i])
		if !ok {
			return nil, i
		}
		if next == nil {
			return nil, -1
		}
		n = next
	}
	return n, -1
}

// element is the schema of an item of the collection a term holds.
func (c *fieldChecker) element(t *ast.Term, e env) map[string]any {
	n, _ := c.node(t, e)
	if n == nil {
		return nil
	}
	next, _ := c.step(n, ast.VarTerm("_"))
	return next
}

// check reports every reference of m that reads a key the model cannot have.
func (c *fieldChecker) check(m *ast.Module) ast.Errors {
	var errs ast.Errors
	for _, r := range m.Rules {
		for rule := r; rule != nil; rule = rule.Else {
			e := env{}
			c.body(rule.Body, e, &errs)
			c.terms(e, &errs, rule.Head.Key, rule.Head.Value)
			for _, a := range rule.Head.Args {
				c.terms(e, &errs, a)
			}
		}
	}
	return errs
}

// body binds and checks the expressions of a body in order.
func (c *fieldChecker) body(b ast.Body, e env, errs *ast.Errors) {
	for _, x := range b {
		c.bind(x, e)
		switch t := x.Terms.(type) {
		case *ast.SomeDecl:
			c.terms(e, errs, t.Symbols...)
		case *ast.Every:
			c.terms(e, errs, t.Domain)
			inner := e.clone()
			if v, ok := t.Value.Value.(ast.Var); ok {
				inner[v] = c.element(t.Domain, e)
			}
			c.body(t.Body, inner, errs)
		case *ast.Term:
			c.terms(e, errs, t)
		case []*ast.Term:
			c.terms(e, errs, t...)
		}
		for _, w := range x.With {
			c.terms(e, errs, w.Value)
		}
	}
}

// bind records what an expression binds: some v in X, some k, v in X,
// v := X, v = X.
func (c *fieldChecker) bind(x *ast.Expr, e env) {
	switch t := x.Terms.(type) {
	case *ast.SomeDecl:
		for _, s := range t.Symbols {
			call, ok := s.Value.(ast.Call)
			if !ok || len(call) < 3 {
				continue
			}
			op := call[0].String()
			if op != "internal.member_2" && op != "internal.member_3" {
				continue
			}
			v, ok := call[len(call)-2].Value.(ast.Var)
			if ok {
				e[v] = c.element(call[len(call)-1], e)
			}
		}
	case []*ast.Term:
		if !x.IsAssignment() && !x.IsEquality() {
			return
		}
		lhs, rhs := x.Operand(0), x.Operand(1)
		if v, ok := lhs.Value.(ast.Var); ok {
			if n, _ := c.node(rhs, e); n != nil {
				e[v] = n
			}
		}
	}
}

// terms checks the references in ts; comprehensions get their own scope.
func (c *fieldChecker) terms(e env, errs *ast.Errors, ts ...*ast.Term) {
	for _, t := range ts {
		if t == nil {
			continue
		}
		ast.NewGenericVisitor(func(x any) bool {
			switch v := x.(type) {
			case *ast.ArrayComprehension:
				c.body(v.Body, e.clone(), errs)
				c.terms(e, errs, v.Term)
				return true
			case *ast.SetComprehension:
				c.body(v.Body, e.clone(), errs)
				c.terms(e, errs, v.Term)
				return true
			case *ast.ObjectComprehension:
				c.body(v.Body, e.clone(), errs)
				c.terms(e, errs, v.Key, v.Value)
				return true
			case *ast.Term:
				if ref, ok := v.Value.(ast.Ref); ok {
					if _, bad := c.node(v, e); bad > 0 {
						*errs = append(*errs, ast.NewError(ast.TypeErr, v.Location,
							"undefined ref: %v: the model has no key %v there (policies/schemas/input.json, docs/model-schema.md)",
							ref, ref[bad]))
					}
				}
			}
			return false
		}).Walk(t)
	}
}
