package terraform

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// modState is the expansion of one module call in one scope.
type modState struct {
	call      *moduleCall
	expanded  bool
	mode      int
	instances []*modInstance
	decl      *moduleDecl // the called module; nil when it is not read
	// values memoises moduleValue per output need, as resState.values does.
	values map[string]cty.Value
}

// modInstance is one instance of a module call: module.svc, module.svc["k"].
type modInstance struct {
	ms        *modState
	addr      string
	key, each cty.Value
	maybe     bool
	scope     *scope // created on first use
}

func (mi *modInstance) iter() iterVars {
	return iterFor(mi.ms.mode, mi.key, mi.each, mi.ms.call.count != nil)
}

// sortedModules lists the module calls of the scope in name order.
func (s *scope) sortedModules() []*modState {
	names := make([]string, 0, len(s.modules))
	for n := range s.modules {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*modState, len(names))
	for i, n := range names {
		out[i] = s.modules[n]
	}
	return out
}

// expandModule finds the called module and its instances. A module that cannot
// be read is reported once per call and stays unexpanded: its outputs are
// unknown and what is passed into it escapes the model.
func (s *scope) expandModule(ms *modState) {
	if ms.expanded {
		return
	}
	ms.expanded = true
	dir, ok := s.moduleDir(ms.call)
	if !ok {
		return
	}
	decl := s.l.moduleDecl(dir)
	if decl == nil {
		return
	}
	ms.decl = decl
	s.checkArgs(ms)
	mode, keys := s.expansion(ms.call.count, ms.call.forEach, s.prefix+"module."+ms.call.name, "module call", ms.call.block.DefRange)
	ms.mode = mode
	for _, k := range keys {
		ms.instances = append(ms.instances, &modInstance{ms: ms, addr: k.addr, key: k.key, each: k.each,
			maybe: mode == unknownExpansion})
	}
}

// moduleDir resolves the source of a module call to a folder: local paths
// relative to the calling module, anything else through the root's
// .terraform/modules/modules.json. It reports why when it cannot.
func (s *scope) moduleDir(mc *moduleCall) (string, bool) {
	// Reported once per module block, so named without instance keys.
	addr := "module." + strings.ReplaceAll(joinKey(s.modKey, mc.name), ".", ".module.")
	if mc.source == "" {
		return "", false // reported when the block was read
	}
	if s.depth+1 > s.l.opts.MaxModuleDepth {
		s.l.moduleProblem(mc, hcl.DiagWarning, "Module nesting too deep",
			fmt.Sprintf("%s would be nested %d modules deep, over the limit of %d", addr, s.depth+1, s.l.opts.MaxModuleDepth))
		return "", false
	}
	var dir string
	if isLocalSource(mc.source) {
		dir = filepath.Join(s.decl.dir, filepath.FromSlash(mc.source))
		if err := s.l.opts.Tree.Check(dir); err != nil {
			s.l.moduleProblem(mc, hcl.DiagWarning, "Module outside the tree",
				fmt.Sprintf("%s: %s is outside the tree being linted (%s); lattice-lint reads local modules only inside it unless --allow-outside-root", addr, mc.source, strings.Join(s.l.opts.Tree.Roots(), ", ")))
			return "", false
		}
	} else {
		d, ok := s.root.manifest(s.l)[joinKey(s.modKey, mc.name)]
		if !ok {
			where := "registry or remote module " + mc.source
			s.l.moduleNote(mc, addr+" not expanded",
				where+": lattice-lint did not look inside (run terraform init so .terraform/modules/modules.json lists it); its outputs are unknown and nothing is concluded from them")
			return "", false
		}
		dir = d
	}
	files, err := tfFiles(dir)
	if err != nil || len(files) == 0 {
		what := "does not exist"
		if err == nil {
			what = "holds no Terraform files"
		}
		s.l.moduleProblem(mc, hcl.DiagWarning, "Module folder not found",
			fmt.Sprintf("%s: %s %s", addr, s.l.rel(dir), what))
		return "", false
	}
	abs, _ := filepath.Abs(dir)
	for p := s; p != nil; p = p.parent {
		if p.decl.absDir == abs {
			s.l.moduleProblem(mc, hcl.DiagWarning, "Recursive module call",
				fmt.Sprintf("%s calls %s, which is already being expanded on this call chain", addr, mc.source))
			return "", false
		}
	}
	return dir, true
}

func joinKey(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// moduleProblem reports, once per module block, why it was not read; the
// detail always says what that means for the result.
func (l *loader) moduleProblem(mc *moduleCall, sev hcl.DiagnosticSeverity, summary, detail string) {
	if l.once("module " + mc.block.DefRange.String()) {
		l.addDiag(&hcl.Diagnostic{Severity: sev, Summary: summary,
			Detail:  detail + "; its outputs are unknown and nothing is concluded from them.",
			Subject: mc.block.DefRange.Ptr()})
	}
}

func (l *loader) moduleNote(mc *moduleCall, summary, detail string) {
	if l.once("module " + mc.block.DefRange.String()) {
		l.notes = append(l.notes, diag.Diagnostic{Severity: diag.Note, Summary: summary, Detail: detail,
			Range: l.toRange(mc.block.DefRange)})
	}
}

// once reports whether key is seen for the first time in this run.
func (l *loader) once(key string) bool {
	if l.reported[key] {
		return false
	}
	l.reported[key] = true
	return true
}

// checkArgs compares a call's arguments with the module's variables, as
// terraform validate would.
func (s *scope) checkArgs(ms *modState) {
	mc, decl := ms.call, ms.decl
	names := make([]string, 0, len(mc.args))
	for n := range mc.args {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if _, ok := decl.variables[n]; !ok {
			s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Unsupported argument",
				Detail:  fmt.Sprintf("module %s declares no variable %q; the argument is ignored.", mc.source, n),
				Subject: mc.args[n].NameRange.Ptr()})
		}
	}
	var missing []string
	for n, v := range decl.variables {
		if _, ok := mc.args[n]; !ok && v.defaults == nil {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	for _, n := range missing {
		s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Missing required argument",
			Detail:  fmt.Sprintf("module %s requires %q, which the call does not set; its value is unknown.", mc.source, n),
			Subject: mc.block.DefRange.Ptr()})
	}
}

// childScope is the scope of one module instance, created on first use.
func (s *scope) childScope(mi *modInstance) *scope {
	if mi.scope != nil {
		return mi.scope
	}
	c := newScope(s.l, s.root, mi.ms.decl, mi.addr+".")
	c.parent, c.inst, c.depth, c.maybe = s, mi, s.depth+1, s.maybe || mi.maybe
	c.chain = append(append(make([]model.Frame, 0, len(s.chain)+1), s.chain...),
		model.Frame{Address: mi.addr, Range: s.l.toRange(mi.ms.call.block.DefRange)})
	c.modKey = joinKey(s.modKey, mi.ms.call.name)
	mi.scope = c
	return c
}

// moduleValue is the value of module.NAME: the called module's outputs, per
// instance, evaluated on demand (need names the one output read, "" all). An
// unexpanded module is unknown, marked so that what flows out of it is
// recognised as coming from a module the linter did not read.
func (s *scope) moduleValue(name, need string) cty.Value {
	ms := s.modules[name]
	if v, ok := ms.values[need]; ok {
		return v
	}
	cycles := s.l.cycles
	v := s.buildModuleValue(ms, name, need)
	if s.l.cycles == cycles {
		if ms.values == nil {
			ms.values = map[string]cty.Value{}
		}
		ms.values[need] = v
	}
	return v
}

func (s *scope) buildModuleValue(ms *modState, name, need string) cty.Value {
	s.expandModule(ms)
	if ms.decl == nil {
		return cty.DynamicVal.Mark(refMark{Source: s.source, Addr: s.prefix + "module." + name})
	}
	switch ms.mode {
	case unknownExpansion:
		if need == "" || len(ms.instances) == 0 {
			return cty.DynamicVal.Mark(refMark{Source: s.source, Addr: s.prefix + "module." + name})
		}
		return cty.DynamicVal.WithMarks(refMarksOf(s.childScope(ms.instances[0]).outputsObject(need)))
	case counted:
		vals := make([]cty.Value, len(ms.instances))
		for i, mi := range ms.instances {
			vals[i] = s.childScope(mi).outputsObject(need)
		}
		return cty.TupleVal(vals)
	case forEached:
		vals := make(map[string]cty.Value, len(ms.instances))
		for _, mi := range ms.instances {
			vals[mi.key.AsString()] = s.childScope(mi).outputsObject(need)
		}
		return cty.ObjectVal(vals)
	}
	if len(ms.instances) == 0 {
		return cty.DynamicVal
	}
	return s.childScope(ms.instances[0]).outputsObject(need)
}

// outputsObject holds the named output, or all of them when need is "". An
// output the module does not declare is left out, so reading it is reported
// as an unsupported attribute.
func (s *scope) outputsObject(need string) cty.Value {
	obj := map[string]cty.Value{}
	if need != "" {
		if _, ok := s.decl.outputs[need]; ok {
			obj[need] = s.output(need)
		}
		return cty.ObjectVal(obj)
	}
	for n := range s.decl.outputs {
		obj[n] = s.output(n)
	}
	return cty.ObjectVal(obj)
}

func (s *scope) output(name string) cty.Value {
	a := s.decl.outputs[name]
	return s.memo(s.outputVals, "output."+name, a.Range, func() cty.Value { return s.eval(a.Expr, nil) })
}

// moduleDecl reads a module folder once per run, however many calls it has.
func (l *loader) moduleDecl(dir string) *moduleDecl {
	dir = filepath.Clean(dir)
	if d, ok := l.decls[dir]; ok {
		return d
	}
	d, diags := l.loadModule(dir)
	l.diags = append(l.diags, diags...)
	l.decls[dir] = d
	return d
}

// manifest maps module keys (call names from the root, dot-separated) to the
// folders `terraform init` installed them in, from
// .terraform/modules/modules.json. It is empty when init has not run.
func (r *rootState) manifest(l *loader) map[string]string {
	if r.modules != nil {
		return r.modules
	}
	r.modules = map[string]string{}
	path := filepath.Join(r.dir, ".terraform", "modules", "modules.json")
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return r.modules // terraform init has not run
	}
	at := &hcl.Range{Filename: l.rel(path), Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}
	src, d := l.readFile(path)
	if d != nil {
		d.Detail += "; modules installed by terraform init are not read"
		l.addDiag(d)
		return r.modules
	}
	var mf struct {
		Modules []struct{ Key, Source, Dir string }
	}
	if err := json.Unmarshal(src, &mf); err != nil {
		l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Unreadable module manifest",
			Detail:  fmt.Sprintf("%s; modules installed by terraform init are not read.", err),
			Subject: at})
		return r.modules
	}
	for _, m := range mf.Modules {
		if m.Key == "" || m.Dir == "" {
			continue
		}
		d := filepath.FromSlash(m.Dir)
		if !filepath.IsAbs(d) {
			d = filepath.Join(r.dir, d)
		}
		d = filepath.Clean(d)
		// The manifest is committed by whoever wrote the pull request: its
		// folders stay inside the tree like local module sources.
		if err := l.opts.Tree.Check(d); err != nil {
			l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Module folder outside the tree",
				Detail:  fmt.Sprintf("module %s: Dir %q is outside the tree being linted; not read (--allow-outside-root reads it)", m.Key, m.Dir),
				Subject: at})
			continue
		}
		r.modules[m.Key] = d
	}
	return r.modules
}
