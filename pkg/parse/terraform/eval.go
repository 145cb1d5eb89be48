package terraform

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// refMark marks the unknown value of a computed attribute (aws_vpc.app.id) with
// where it comes from, so a reference survives evaluation: when an identifier
// argument evaluates to a marked unknown, the front end knows which entity it
// names. Marks travel through expressions, conditionals and function calls.
type refMark struct {
	Addr string // full address of the resource instance, data source or module call
	Attr string // attribute read ("" for a whole-object or module reference)
}

// computedAttrs are attributes that configuration never sets but that
// whole-object references (splats, for expressions) commonly read.
var computedAttrs = []string{"id", "arn", "listener_id", "rule_id", "service_arn", "service_id",
	"service_network_arn", "service_network_id", "resource_arn", "dns_entry", "status", "owner_id"}

// scope evaluates expressions of one module instance.
type scope struct {
	l      *loader
	decl   *moduleDecl
	source string // root folder relative to the run root: the entity ID prefix
	prefix string // module address prefix: "" for a root
	funcs  map[string]function.Function
	vars   map[string]cty.Value
	varObj cty.Value

	localVals  map[string]cty.Value
	resources  map[string]*resState
	inProgress map[string]bool
	stack      []string
}

// resState is the expansion of one resource or data block.
type resState struct {
	decl      *resourceDecl
	expanded  bool
	mode      int // expansion mode, below
	instances []*resInstance
	cache     map[string]cty.Value
}

const (
	single = iota
	counted
	forEached
	unknownExpansion
)

// resInstance is one instance of a resource: aws_x.y, aws_x.y[0], aws_x.y["k"].
type resInstance struct {
	res   *resState
	addr  string    // module prefix + type.name + key
	key   cty.Value // number (count), string (for_each) or NilVal
	each  cty.Value // each.value for for_each
	maybe bool      // the expansion is unknown: it may not exist
}

func newScope(l *loader, decl *moduleDecl, source, prefix string) *scope {
	s := &scope{l: l, decl: decl, source: source, prefix: prefix,
		funcs: l.functionsFor(decl.dir), localVals: map[string]cty.Value{},
		resources: map[string]*resState{}, inProgress: map[string]bool{}}
	for k, r := range decl.resources {
		s.resources[k] = &resState{decl: r, cache: map[string]cty.Value{}}
	}
	return s
}

// enter guards against cycles between locals and resource attributes.
func (s *scope) enter(key string, rng hcl.Range) bool {
	if s.inProgress[key] {
		i := 0
		for i < len(s.stack) && s.stack[i] != key {
			i++
		}
		chain := append(append([]string{}, s.stack[i:]...), key)
		s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cycle in references",
			Detail: strings.Join(chain, " -> ") + "; the values on the cycle are treated as unknown.", Subject: rng.Ptr()})
		return false
	}
	s.inProgress[key] = true
	s.stack = append(s.stack, key)
	return true
}

func (s *scope) leave(key string) {
	delete(s.inProgress, key)
	s.stack = s.stack[:len(s.stack)-1]
}

// iterVars are variables bound by the surrounding construct: count.index,
// each.key/value, dynamic-block iterators.
type iterVars map[string]cty.Value

func (iv iterVars) with(name string, v cty.Value) iterVars {
	out := make(iterVars, len(iv)+1)
	for k, x := range iv {
		out[k] = x
	}
	out[name] = v
	return out
}

func (ri *resInstance) iter() iterVars {
	iv := iterVars{}
	switch ri.res.mode {
	case counted:
		iv["count"] = cty.ObjectVal(map[string]cty.Value{"index": ri.key})
	case forEached:
		iv["each"] = cty.ObjectVal(map[string]cty.Value{"key": ri.key, "value": ri.each})
	case unknownExpansion:
		if ri.res.decl.count != nil {
			iv["count"] = cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})
		} else {
			iv["each"] = cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})
		}
	}
	return iv
}

// eval evaluates an expression. Evaluation problems are reported as warnings
// and yield an unknown value: a linter must not guess.
func (s *scope) eval(expr hcl.Expression, iv iterVars) cty.Value {
	if expr == nil {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	ctx := s.context(expr, iv)
	v, diags := expr.Value(ctx)
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			d.Severity = hcl.DiagWarning
			d.Detail = strings.TrimSpace(d.Detail + " The value is treated as unknown.")
		}
		s.l.addDiag(d)
	}
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return v
}

// context builds an evaluation context holding exactly what expr refers to.
func (s *scope) context(expr hcl.Expression, iv iterVars) *hcl.EvalContext {
	vars := map[string]cty.Value{}
	locals := map[string]cty.Value{}
	resByType := map[string]map[string]cty.Value{}
	dataByType := map[string]map[string]cty.Value{}
	modules := map[string]cty.Value{}
	for _, tr := range expr.Variables() {
		root := tr.RootName()
		if v, ok := iv[root]; ok {
			vars[root] = v
			continue
		}
		switch root {
		case "var":
			vars["var"] = s.varObj
		case "local":
			if name, ok := attrAt(tr, 1); ok {
				if _, done := locals[name]; !done {
					locals[name] = s.local(name, tr.SourceRange())
				}
			}
		case "path":
			vars["path"] = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(s.decl.dir), "root": cty.StringVal(s.l.opts.Root), "cwd": cty.StringVal(s.l.opts.Root)})
		case "terraform":
			vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
		case "count", "each", "self":
			// Used outside a counted resource: Terraform rejects it; the value is unknown.
			vars[root] = cty.DynamicVal
		case "module":
			if name, ok := attrAt(tr, 1); ok {
				modules[name] = s.moduleValue(name)
			}
		case "data":
			typ, ok1 := attrAt(tr, 1)
			name, ok2 := attrAt(tr, 2)
			if ok1 && ok2 {
				if dataByType[typ] == nil {
					dataByType[typ] = map[string]cty.Value{}
				}
				if rs := s.resources["data."+typ+"."+name]; rs != nil {
					dataByType[typ][name] = s.resourceValue(rs, needAfter(tr, 3))
				}
			}
		default:
			name, ok := attrAt(tr, 1)
			if !ok {
				continue
			}
			if rs := s.resources[root+"."+name]; rs != nil {
				if resByType[root] == nil {
					resByType[root] = map[string]cty.Value{}
				}
				prev, had := resByType[root][name]
				v := s.resourceValue(rs, needAfter(tr, 2))
				if had {
					v = mergeObjects(prev, v)
				}
				resByType[root][name] = v
			}
		}
	}
	if len(locals) > 0 {
		vars["local"] = cty.ObjectVal(locals)
	}
	for t, m := range resByType {
		vars[t] = cty.ObjectVal(m)
	}
	if len(dataByType) > 0 {
		d := map[string]cty.Value{}
		for t, m := range dataByType {
			d[t] = cty.ObjectVal(m)
		}
		vars["data"] = cty.ObjectVal(d)
	}
	if len(modules) > 0 {
		vars["module"] = cty.ObjectVal(modules)
	}
	return &hcl.EvalContext{Variables: vars, Functions: s.funcs}
}

// mergeObjects combines two sparse views of the same resource built for
// different traversals of one expression.
func mergeObjects(a, b cty.Value) cty.Value {
	if !a.Type().Equals(b.Type()) {
		at, bt := a.Type(), b.Type()
		switch {
		case at.IsObjectType() && bt.IsObjectType():
			m := a.AsValueMap()
			for k, v := range b.AsValueMap() {
				m[k] = v
			}
			return cty.ObjectVal(m)
		case at.IsTupleType() && bt.IsTupleType() && a.LengthInt() == b.LengthInt():
			as, bs := a.AsValueSlice(), b.AsValueSlice()
			out := make([]cty.Value, len(as))
			for i := range as {
				out[i] = mergeObjects(as[i], bs[i])
			}
			return cty.TupleVal(out)
		}
		return b
	}
	return a
}

func attrAt(tr hcl.Traversal, i int) (string, bool) {
	if len(tr) <= i {
		return "", false
	}
	if a, ok := tr[i].(hcl.TraverseAttr); ok {
		return a.Name, true
	}
	return "", false
}

// needAfter returns the attribute a traversal reads after the resource name
// (skipping an instance index), or "" for a whole-object reference.
func needAfter(tr hcl.Traversal, i int) string {
	if len(tr) > i {
		if _, ok := tr[i].(hcl.TraverseIndex); ok {
			i++
		}
	}
	if name, ok := attrAt(tr, i); ok {
		return name
	}
	return ""
}

func (s *scope) local(name string, rng hcl.Range) cty.Value {
	if v, ok := s.localVals[name]; ok {
		return v
	}
	a, ok := s.decl.locals[name]
	if !ok {
		s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Reference to undeclared local value",
			Detail: fmt.Sprintf("local.%s is not declared; the value is treated as unknown.", name), Subject: rng.Ptr()})
		return cty.DynamicVal
	}
	key := s.prefix + "local." + name
	if !s.enter(key, a.Range) {
		return cty.DynamicVal
	}
	v := s.eval(a.Expr, nil)
	s.leave(key)
	s.localVals[name] = v
	return v
}

// moduleValue is the value of module.NAME: unknown, marked so that what flows
// out of it is recognised as coming from a module the linter did not expand.
func (s *scope) moduleValue(name string) cty.Value {
	return cty.DynamicVal.Mark(refMark{Addr: s.prefix + "module." + name})
}

// expand computes the instances of a resource from count / for_each.
func (s *scope) expand(rs *resState) {
	if rs.expanded {
		return
	}
	rs.expanded = true
	d := rs.decl
	base := s.prefix + d.key()
	switch {
	case d.count != nil:
		v := s.eval(d.count, nil)
		n, ok := wholeNumber(v)
		if !ok {
			if v.IsKnown() && !v.IsNull() {
				s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid count argument",
					Detail: "count must be a non-negative whole number.", Subject: d.count.Range().Ptr()})
			}
			rs.mode = unknownExpansion
			rs.instances = []*resInstance{{res: rs, addr: base, maybe: true}}
			return
		}
		if n > s.l.maxInstances() {
			s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many instances",
				Detail:  fmt.Sprintf("count = %d is over the limit of %d instances per resource (--max-instances); only the first %d are read.", n, s.l.maxInstances(), s.l.maxInstances()),
				Subject: d.count.Range().Ptr()})
			n = s.l.maxInstances()
		}
		rs.mode = counted
		for i := 0; i < n; i++ {
			rs.instances = append(rs.instances, &resInstance{res: rs, addr: fmt.Sprintf("%s[%d]", base, i), key: cty.NumberIntVal(int64(i))})
		}
	case d.forEach != nil:
		v := s.eval(d.forEach, nil)
		// Terraform needs the keys, not the values: a map of resources whose ids
		// are computed still expands (each.value then carries the references).
		if !v.IsKnown() || v.IsNull() || (v.Type().IsSetType() && !v.IsWhollyKnown()) {
			rs.mode = unknownExpansion
			rs.instances = []*resInstance{{res: rs, addr: base, maybe: true}}
			return
		}
		v, _ = v.Unmark()
		t := v.Type()
		if !(t.IsMapType() || t.IsObjectType() || t.IsSetType()) {
			s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid for_each argument",
				Detail: "for_each must be a map, an object, or a set of strings.", Subject: d.forEach.Range().Ptr()})
			rs.mode = unknownExpansion
			rs.instances = []*resInstance{{res: rs, addr: base, maybe: true}}
			return
		}
		rs.mode = forEached
		type kv struct {
			k string
			v cty.Value
		}
		var items []kv
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if t.IsSetType() {
				if e.Type() != cty.String {
					s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid for_each argument",
						Detail: "a set used in for_each must contain strings.", Subject: d.forEach.Range().Ptr()})
					continue
				}
				k = e
			}
			items = append(items, kv{k.AsString(), e})
		}
		sort.Slice(items, func(i, j int) bool { return items[i].k < items[j].k })
		if len(items) > s.l.maxInstances() {
			s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many instances",
				Detail:  fmt.Sprintf("for_each yields %d instances, over the limit of %d (--max-instances); only the first are read.", len(items), s.l.maxInstances()),
				Subject: d.forEach.Range().Ptr()})
			items = items[:s.l.maxInstances()]
		}
		for _, it := range items {
			rs.instances = append(rs.instances, &resInstance{res: rs, addr: fmt.Sprintf("%s[%q]", base, it.k), key: cty.StringVal(it.k), each: it.v})
		}
	default:
		rs.mode = single
		rs.instances = []*resInstance{{res: rs, addr: base}}
	}
}

func wholeNumber(v cty.Value) (int, bool) {
	if !v.IsKnown() || v.IsNull() {
		return 0, false
	}
	v, _ = v.Unmark()
	if v.Type() == cty.String {
		f, _, err := big.ParseFloat(v.AsString(), 10, 64, big.ToNearestEven)
		if err != nil {
			return 0, false
		}
		v = cty.NumberVal(f)
	}
	if v.Type() != cty.Number {
		return 0, false
	}
	bf := v.AsBigFloat()
	if !bf.IsInt() || bf.Sign() < 0 {
		return 0, false
	}
	n, acc := bf.Int64()
	if acc != big.Exact || n > 1<<31 {
		return 0, false
	}
	return int(n), true
}

// resourceValue is what a reference to the resource evaluates to, with the
// attribute need ("" = every attribute the configuration sets plus the common
// computed ones).
func (s *scope) resourceValue(rs *resState, need string) cty.Value {
	s.expand(rs)
	switch rs.mode {
	case unknownExpansion:
		return cty.DynamicVal.Mark(refMark{Addr: rs.instances[0].addr, Attr: need})
	case counted:
		vals := make([]cty.Value, len(rs.instances))
		for i, ri := range rs.instances {
			vals[i] = s.instanceObject(ri, need)
		}
		return cty.TupleVal(vals)
	case forEached:
		vals := make(map[string]cty.Value, len(rs.instances))
		for _, ri := range rs.instances {
			vals[ri.key.AsString()] = s.instanceObject(ri, need)
		}
		return cty.ObjectVal(vals)
	}
	return s.instanceObject(rs.instances[0], need)
}

func (s *scope) instanceObject(ri *resInstance, need string) cty.Value {
	attrs := topAttributes(ri.res.decl.body)
	obj := map[string]cty.Value{}
	names := []string{need}
	if need == "" {
		names = names[:0]
		for n := range attrs {
			switch n {
			case "count", "for_each", "provider", "depends_on", "lifecycle":
				continue
			}
			names = append(names, n)
		}
		names = append(names, computedAttrs...)
	}
	for _, n := range names {
		obj[n] = s.instanceAttr(ri, n, attrs[n])
	}
	return cty.ObjectVal(obj)
}

func (s *scope) instanceAttr(ri *resInstance, name string, a *hcl.Attribute) cty.Value {
	key := ri.addr + "." + name
	if v, ok := ri.res.cache[key]; ok {
		return v
	}
	var v cty.Value
	if a == nil {
		v = cty.DynamicVal.Mark(refMark{Addr: ri.addr, Attr: name})
	} else {
		if !s.enter(key, a.Range) {
			return cty.DynamicVal
		}
		v = s.eval(a.Expr, ri.iter())
		s.leave(key)
	}
	ri.res.cache[key] = v
	return v
}
