package terraform

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// refMark marks the unknown value of a computed attribute (aws_vpc.app.id) with
// where it comes from, so a reference survives evaluation: when an identifier
// argument evaluates to a marked unknown, the front end knows which entity it
// names. Marks travel through expressions, conditionals, function calls, module
// inputs and outputs, and remote state across roots.
type refMark struct {
	Source string // root folder the address belongs to
	Addr   string // full address of the resource instance, data source or module call
	Attr   string // attribute read ("" for a whole-object or module reference)
}

// id is the entity ID the address would have.
func (m refMark) id() string { return m.Source + "//" + m.Addr }

// computedAttrs are attributes that configuration never sets but that
// whole-object references (splats, for expressions) commonly read.
var computedAttrs = []string{"id", "arn", "listener_id", "rule_id", "service_arn", "service_id",
	"service_network_arn", "service_network_id", "resource_arn", "dns_entry", "status", "owner_id"}

// scope evaluates expressions of one module instance: a root, or one instance
// of a module call (module.svc["orders"]). Everything is evaluated lazily and
// cached, so a value is computed once however many readers it has, in this
// root or another.
type scope struct {
	l      *loader
	root   *rootState
	decl   *moduleDecl
	source string // root folder relative to the run root: the entity ID prefix
	prefix string // module address prefix: "" for a root, `module.a["k"].` inside
	funcs  map[string]function.Function

	parent *scope       // the calling module instance; nil for a root
	inst   *modInstance // the call instance that created this scope; nil for a root
	chain  []model.Frame
	depth  int
	maybe  bool   // the module instance may not exist (unknown count/for_each)
	modKey string // call names from the root, dot-separated: the modules.json key

	varVals    map[string]cty.Value
	localVals  map[string]cty.Value
	outputVals map[string]cty.Value
	resources  map[string]*resState
	modules    map[string]*modState
	providers  map[string]*providerInfo
	built      bool
}

// resState is the expansion of one resource or data block.
type resState struct {
	decl      *resourceDecl
	expanded  bool
	mode      int // expansion mode, below
	instances []*resInstance
	cache     map[string]cty.Value
	// values memoises resourceValue per (need, sub, more): a reference like
	// aws_x.y[count.index].id in N instances would otherwise rebuild the
	// N-element tuple N times.
	values map[string]cty.Value
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
	// target is what a Lattice data source resolved to (nil: not resolved);
	// resolved records that resolution was attempted.
	target   *refMark
	remote   *rootState // the root a terraform_remote_state reads
	resolved bool
}

func newScope(l *loader, root *rootState, decl *moduleDecl, prefix string) *scope {
	s := &scope{l: l, root: root, decl: decl, source: root.source, prefix: prefix,
		funcs: l.functionsFor(decl.absDir), varVals: map[string]cty.Value{}, localVals: map[string]cty.Value{},
		outputVals: map[string]cty.Value{}, resources: map[string]*resState{}, modules: map[string]*modState{},
		providers: map[string]*providerInfo{}}
	for k, r := range decl.resources {
		s.resources[k] = &resState{decl: r, cache: map[string]cty.Value{}}
	}
	for k, mc := range decl.modules {
		s.modules[k] = &modState{call: mc}
	}
	return s
}

// key names a value of this scope for cycle detection, unique in the run.
func (s *scope) key(name string) string { return s.source + "//" + s.prefix + name }

// enter guards against cycles between locals, variables, outputs and resource
// attributes, within a root and across modules and roots.
func (l *loader) enter(key string, rng hcl.Range) bool {
	if l.inProgress[key] {
		i := 0
		for i < len(l.stack) && l.stack[i] != key {
			i++
		}
		chain := append(append([]string{}, l.stack[i:]...), key)
		l.cycles++
		l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cycle in references",
			Detail: strings.Join(chain, " -> ") + "; the values on the cycle are treated as unknown.", Subject: rng.Ptr()})
		return false
	}
	l.inProgress[key] = true
	l.stack = append(l.stack, key)
	return true
}

func (l *loader) leave(key string) {
	delete(l.inProgress, key)
	l.stack = l.stack[:len(l.stack)-1]
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

// iterFor binds count or each for one instance of a counted or for_each block.
func iterFor(mode int, key, each cty.Value, hasCount bool) iterVars {
	iv := iterVars{}
	switch mode {
	case counted:
		iv["count"] = cty.ObjectVal(map[string]cty.Value{"index": key})
	case forEached:
		iv["each"] = cty.ObjectVal(map[string]cty.Value{"key": key, "value": each})
	case unknownExpansion:
		if hasCount {
			iv["count"] = cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})
		} else {
			iv["each"] = cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})
		}
	}
	return iv
}

func (ri *resInstance) iter() iterVars {
	return iterFor(ri.res.mode, ri.key, ri.each, ri.res.decl.count != nil)
}

// eval evaluates an expression. Evaluation problems are reported as warnings
// and yield an unknown value: a linter must not guess.
func (s *scope) eval(expr hcl.Expression, iv iterVars) cty.Value {
	if expr == nil {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	rng := expr.Range()
	if s.l.values.exhausted(rng.Filename) {
		return cty.DynamicVal
	}
	ctx := s.context(expr, iv)
	v, diags := expr.Value(ctx)
	diags = unwrapCondDiags(diags)
	for _, d := range diags {
		templateDiag(d)
		if isBudgetError(d) {
			d.Summary = "Value too large"
		} else if tamePanic(d) {
			// an input error, positioned, without the Go stack
		} else if d.Severity == hcl.DiagError {
			d.Severity = hcl.DiagWarning
			d.Detail = strings.TrimSpace(d.Detail + " The value is treated as unknown.")
		}
		s.l.addDiag(d)
	}
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	v, d := s.l.values.check(v, rng)
	if d != nil {
		s.l.addDiag(d)
	}
	return v
}

// context builds an evaluation context holding exactly what expr refers to.
func (s *scope) context(expr hcl.Expression, iv iterVars) *hcl.EvalContext {
	vars := map[string]cty.Value{}
	inputs := map[string]cty.Value{}
	locals := map[string]cty.Value{}
	resByType := map[string]map[string]cty.Value{}
	dataByType := map[string]map[string]cty.Value{}
	modules := map[string]cty.Value{}
	put := func(into map[string]map[string]cty.Value, typ, name string, v cty.Value) {
		if into[typ] == nil {
			into[typ] = map[string]cty.Value{}
		}
		if prev, had := into[typ][name]; had {
			v = mergeObjects(prev, v)
		}
		into[typ][name] = v
	}
	var extra []string // attribute names the expression reads, for whole-object references
	extraDone := false
	attrsRead := func() []string {
		if !extraDone {
			extra, extraDone = attrNamesIn(expr), true
		}
		return extra
	}
	for _, tr := range expr.Variables() {
		root := tr.RootName()
		if v, ok := iv[root]; ok {
			vars[root] = v
			continue
		}
		switch root {
		case "var":
			if name, ok := attrAt(tr, 1); ok {
				if _, done := inputs[name]; !done {
					inputs[name] = s.variable(name, tr.SourceRange())
				}
			} else {
				for name := range s.decl.variables {
					inputs[name] = s.variable(name, tr.SourceRange())
				}
			}
		case "local":
			if name, ok := attrAt(tr, 1); ok {
				if _, done := locals[name]; !done {
					locals[name] = s.local(name, tr.SourceRange())
				}
			}
		case "path":
			vars["path"] = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(s.decl.absDir), "root": cty.StringVal(s.root.abs), "cwd": cty.StringVal(s.root.abs)})
		case "terraform":
			vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
		case "count", "each", "self":
			// Used outside a counted resource: Terraform rejects it; the value is unknown.
			vars[root] = cty.DynamicVal
		case "module":
			if name, ok := attrAt(tr, 1); ok {
				if _, declared := s.modules[name]; declared {
					need, _ := needAfter(tr, 2)
					v := s.moduleValue(name, need)
					if prev, had := modules[name]; had {
						v = mergeObjects(prev, v)
					}
					modules[name] = v
				}
			}
		case "data":
			typ, ok1 := attrAt(tr, 1)
			name, ok2 := attrAt(tr, 2)
			if ok1 && ok2 {
				if rs := s.resources["data."+typ+"."+name]; rs != nil {
					need, sub := needAfter(tr, 3)
					var more []string
					if need == "" {
						more = attrsRead()
					}
					put(dataByType, typ, name, s.resourceValue(rs, need, sub, more))
				}
			}
		default:
			name, ok := attrAt(tr, 1)
			if !ok {
				continue
			}
			if rs := s.resources[root+"."+name]; rs != nil {
				need, sub := needAfter(tr, 2)
				var more []string
				if need == "" {
					more = attrsRead()
				}
				put(resByType, root, name, s.resourceValue(rs, need, sub, more))
			}
		}
	}
	if len(inputs) > 0 {
		vars["var"] = cty.ObjectVal(inputs)
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

// mergeObjects combines two sparse views of the same resource or module built
// for different traversals of one expression.
func mergeObjects(a, b cty.Value) cty.Value {
	at, bt := a.Type(), b.Type()
	switch {
	case a.IsMarked() || b.IsMarked() || !a.IsKnown() || !b.IsKnown() || a.IsNull() || b.IsNull():
		return b
	case at.IsObjectType() && bt.IsObjectType():
		if at.Equals(bt) && a.RawEquals(b) {
			return a
		}
		m := a.AsValueMap()
		if m == nil {
			m = map[string]cty.Value{}
		}
		for k, v := range b.AsValueMap() {
			if prev, ok := m[k]; ok {
				v = mergeObjects(prev, v)
			}
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

func attrAt(tr hcl.Traversal, i int) (string, bool) {
	if len(tr) <= i {
		return "", false
	}
	if a, ok := tr[i].(hcl.TraverseAttr); ok {
		return a.Name, true
	}
	return "", false
}

// needAfter returns the attribute a traversal reads after a resource or module
// name (skipping an instance index), or "" for a whole-object reference, and
// the attribute read after that one (remote state outputs.NAME).
func needAfter(tr hcl.Traversal, i int) (string, string) {
	if len(tr) > i {
		if _, ok := tr[i].(hcl.TraverseIndex); ok {
			i++
		}
	}
	name, ok := attrAt(tr, i)
	if !ok {
		return "", ""
	}
	sub, _ := attrAt(tr, i+1)
	return name, sub
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
	return s.memo(s.localVals, "local."+name, a.Range, func() cty.Value { return s.eval(a.Expr, nil) })
}

// memo computes a named value of the scope once, guarding against cycles: a
// value on a cycle is unknown (and not cached, so the cycle is reported where
// it closes).
func (s *scope) memo(cache map[string]cty.Value, name string, rng hcl.Range, compute func() cty.Value) cty.Value {
	short := name[strings.IndexByte(name, '.')+1:]
	if v, ok := cache[short]; ok {
		return v
	}
	key := s.key(name)
	if !s.l.enter(key, rng) {
		return cty.DynamicVal
	}
	v := compute()
	s.l.leave(key)
	cache[short] = v
	return v
}

// instKey is one instance an expansion yields.
type instKey struct {
	addr      string
	key, each cty.Value
}

// expansion evaluates count or for_each of a resource or module call and
// returns the instances, bounded per block (--max-instances) and in total.
func (s *scope) expansion(count, forEach hcl.Expression, base, what string, rng hcl.Range) (int, []instKey) {
	unknown := []instKey{{addr: base}}
	switch {
	case count != nil:
		v := s.eval(count, nil)
		n, ok := wholeNumber(v)
		if !ok {
			if v.IsKnown() && !v.IsNull() {
				s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid count argument",
					Detail: "count must be a non-negative whole number.", Subject: count.Range().Ptr()})
			}
			return unknownExpansion, unknown
		}
		if n > s.l.opts.MaxInstances {
			s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many instances",
				Detail:  fmt.Sprintf("count = %d is over the limit of %d instances per %s (--max-instances); only the first %d are read.", n, s.l.opts.MaxInstances, what, s.l.opts.MaxInstances),
				Subject: count.Range().Ptr()})
			n = s.l.opts.MaxInstances
		}
		n = s.l.budget(n, count.Range())
		out := make([]instKey, n)
		for i := range out {
			out[i] = instKey{addr: fmt.Sprintf("%s[%d]", base, i), key: cty.NumberIntVal(int64(i))}
		}
		return counted, out
	case forEach != nil:
		v := s.eval(forEach, nil)
		// Terraform needs the keys, not the values: a map of resources whose ids
		// are computed still expands (each.value then carries the references).
		if !v.IsKnown() || v.IsNull() || (v.Type().IsSetType() && !v.IsWhollyKnown()) {
			return unknownExpansion, unknown
		}
		v, _ = v.Unmark()
		t := v.Type()
		if !(t.IsMapType() || t.IsObjectType() || t.IsSetType()) {
			s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid for_each argument",
				Detail: "for_each must be a map, an object, or a set of strings.", Subject: forEach.Range().Ptr()})
			return unknownExpansion, unknown
		}
		var items []instKey
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if t.IsSetType() {
				k, _ = e.Unmark()
				if k.Type() != cty.String || k.IsNull() {
					s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid for_each argument",
						Detail: "a set used in for_each must contain strings.", Subject: forEach.Range().Ptr()})
					continue
				}
			}
			items = append(items, instKey{addr: fmt.Sprintf("%s[%q]", base, k.AsString()), key: k, each: e})
		}
		sort.Slice(items, func(i, j int) bool { return items[i].key.AsString() < items[j].key.AsString() })
		if len(items) > s.l.opts.MaxInstances {
			s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many instances",
				Detail:  fmt.Sprintf("for_each yields %d instances, over the limit of %d per %s (--max-instances); only the first are read.", len(items), s.l.opts.MaxInstances, what),
				Subject: forEach.Range().Ptr()})
			items = items[:s.l.opts.MaxInstances]
		}
		return forEached, items[:s.l.budget(len(items), forEach.Range())]
	}
	return single, []instKey{{addr: base}}[:s.l.budget(1, rng)]
}

// expand computes the instances of a resource from count / for_each and
// records the entity IDs they will have, so references to them resolve
// whichever root or module is built first.
func (s *scope) expand(rs *resState) {
	if rs.expanded {
		return
	}
	rs.expanded = true
	d := rs.decl
	mode, keys := s.expansion(d.count, d.forEach, s.prefix+d.key(), "resource", d.block.DefRange)
	rs.mode = mode
	entity := entityBlocks[typeKey(d)]
	for _, k := range keys {
		ri := &resInstance{res: rs, addr: k.addr, key: k.key, each: k.each, maybe: mode == unknownExpansion}
		rs.instances = append(rs.instances, ri)
		if entity {
			s.l.entityTypes[s.source+"//"+ri.addr] = typeKey(d)
		}
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
// attribute need ("" = every attribute the configuration sets, the common
// computed ones and those in more) and, for remote state, the output read (sub).
func (s *scope) resourceValue(rs *resState, need, sub string, more []string) cty.Value {
	key := need + "\x00" + sub + "\x00" + strings.Join(more, ",")
	if v, ok := rs.values[key]; ok {
		return v
	}
	cycles := s.l.cycles
	v := s.buildResourceValue(rs, need, sub, more)
	if s.l.cycles == cycles { // a value degraded by a cycle is not kept
		if rs.values == nil {
			rs.values = map[string]cty.Value{}
		}
		rs.values[key] = v
	}
	return v
}

func (s *scope) buildResourceValue(rs *resState, need, sub string, more []string) cty.Value {
	s.expand(rs)
	switch rs.mode {
	case unknownExpansion:
		if len(rs.instances) == 0 {
			return cty.DynamicVal
		}
		// The shape (list, map, one object) is unknown; what an attribute
		// refers to is not.
		if need == "" {
			return cty.DynamicVal.Mark(refMark{Source: s.source, Addr: rs.instances[0].addr})
		}
		return cty.DynamicVal.WithMarks(refMarksOf(s.instanceObject(rs.instances[0], need, sub, nil)))
	case counted:
		vals := make([]cty.Value, len(rs.instances))
		for i, ri := range rs.instances {
			vals[i] = s.instanceObject(ri, need, sub, more)
		}
		return cty.TupleVal(vals)
	case forEached:
		vals := make(map[string]cty.Value, len(rs.instances))
		for _, ri := range rs.instances {
			vals[ri.key.AsString()] = s.instanceObject(ri, need, sub, more)
		}
		return cty.ObjectVal(vals)
	}
	if len(rs.instances) == 0 { // the instance budget ran out
		return cty.DynamicVal
	}
	return s.instanceObject(rs.instances[0], need, sub, more)
}

// attrNamesIn lists the attribute names an expression reads anywhere
// (x[k].name, v.name in a for expression, splat .name), so a whole-object
// reference behind a dynamic index still offers the computed attributes
// read from it.
func attrNamesIn(expr hcl.Expression) []string {
	e, ok := expr.(hclsyntax.Expression)
	if !ok {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	add := func(tr hcl.Traversal) {
		for _, step := range tr {
			if a, ok := step.(hcl.TraverseAttr); ok && !seen[a.Name] {
				seen[a.Name] = true
				out = append(out, a.Name)
			}
		}
	}
	_ = hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		switch t := n.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			add(t.Traversal[1:])
		case *hclsyntax.RelativeTraversalExpr:
			add(t.Traversal)
		}
		return nil
	})
	return out
}

// refMarksOf collects the reference marks anywhere in v.
func refMarksOf(v cty.Value) cty.ValueMarks {
	out := cty.ValueMarks{}
	_, pvm := v.UnmarkDeepWithPaths()
	for _, pm := range pvm {
		for m := range pm.Marks {
			if rm, ok := m.(refMark); ok {
				out[rm] = struct{}{}
			}
		}
	}
	return out
}

func (s *scope) instanceObject(ri *resInstance, need, sub string, more []string) cty.Value {
	d := ri.res.decl
	if d.data && d.typ == "terraform_remote_state" && (need == "outputs" || need == "") {
		obj := map[string]cty.Value{"outputs": s.remoteOutputs(ri, sub)}
		if need == "" {
			obj["backend"] = cty.DynamicVal
		}
		return cty.ObjectVal(obj)
	}
	attrs := topAttributes(d.body)
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
		names = append(append(names, computedAttrs...), more...)
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
	rng := ri.res.decl.block.DefRange
	if a != nil {
		rng = a.Range
	}
	if !s.l.enter(s.source+"//"+key, rng) {
		return cty.DynamicVal
	}
	var v cty.Value
	if a == nil {
		var ok bool
		if v, ok = s.dataComputed(ri, name); !ok {
			v = cty.DynamicVal.Mark(refMark{Source: s.source, Addr: ri.addr, Attr: name})
		}
	} else {
		v = s.eval(a.Expr, ri.iter())
	}
	s.l.leave(s.source + "//" + key)
	ri.res.cache[key] = v
	return v
}
