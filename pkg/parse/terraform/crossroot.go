package terraform

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// Roots are wired to each other the way their code wires them at apply time:
// terraform_remote_state reads another root's outputs, an SSM parameter one
// root writes is read by another, a Lattice data source looks up an entity
// another root declares. All roots get their scope before any is built, and
// every lookup is lazy and cached, so whichever root is built first sees the
// others' values (with their reference marks) exactly as they would be.

// rootState is one root module of the run.
type rootState struct {
	dir         string // as discovered
	abs         string
	source      string // model path: the entity ID prefix
	decl        *moduleDecl
	scope       *scope
	assign      map[string]assignment
	attribution config.Attribution
	modules     map[string]string // modules.json: key → folder; nil until read
}

// typeKey is a block's type as entity-type registry key: aws_x or data.aws_x.
func typeKey(d *resourceDecl) string {
	if d.data {
		return "data." + d.typ
	}
	return d.typ
}

// backendIdentity are the backend arguments that identify one state.
var backendIdentity = map[string][]string{
	"s3":      {"bucket", "key"},
	"gcs":     {"bucket", "prefix"},
	"azurerm": {"storage_account_name", "container_name", "key"},
	"consul":  {"path"},
	"http":    {"address"},
}

// remoteOutputs is data.terraform_remote_state.X.outputs: the matched root's
// outputs (only sub when the expression reads one), or an unknown value.
func (s *scope) remoteOutputs(ri *resInstance, sub string) cty.Value {
	target := s.remoteRoot(ri)
	if target == nil {
		return cty.DynamicVal.Mark(refMark{Source: s.source, Addr: ri.addr, Attr: "outputs"})
	}
	return target.scope.outputsObject(sub)
}

// remoteRoot finds the root whose state a terraform_remote_state instance reads.
func (s *scope) remoteRoot(ri *resInstance) *rootState {
	if ri.resolved {
		return ri.remote
	}
	ri.resolved = true
	attrs := topAttributes(ri.res.decl.body)
	bv := knownString(s.instanceAttr(ri, "backend", attrs["backend"]))
	cfg := map[string]string{}
	cv := cty.NullVal(cty.DynamicPseudoType)
	if a := attrs["config"]; a != nil {
		cv = s.instanceAttr(ri, "config", a)
	}
	complete := true
	if cv.IsKnown() && !cv.IsNull() {
		cv, _ = cv.UnmarkDeep()
		if t := cv.Type(); !t.IsObjectType() && !t.IsMapType() {
			complete = false
			if a := attrs["config"]; a != nil {
				s.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid remote state config",
					Detail: "config must be an object of backend settings, not " + t.FriendlyName() + ".", Subject: a.Expr.Range().Ptr()})
			}
		} else if cv.CanIterateElements() {
			for it := cv.ElementIterator(); it.Next(); {
				k, e := it.Element()
				if e.IsKnown() && !e.IsNull() && e.Type() == cty.String {
					cfg[k.AsString()] = e.AsString()
				} else if !e.IsKnown() {
					complete = false
				}
			}
		}
	} else if !cv.IsKnown() {
		complete = false
	}
	var matches []*rootState
	if bv != nil && complete {
		matches = s.l.rootsWithState(s.root, *bv, cfg)
	}
	if len(matches) == 1 {
		ri.remote = matches[0]
		s.l.readRemotely[ri.remote] = true
		return ri.remote
	}
	what := "its backend configuration is not known statically"
	switch {
	case len(matches) > 1:
		what = fmt.Sprintf("%d roots match its backend configuration", len(matches))
	case bv != nil && complete:
		what = "no root in this run keeps its state there (" + describeState(*bv, cfg) + ")"
	}
	if s.l.once("remote " + ri.res.decl.block.DefRange.String()) {
		s.l.notes = append(s.l.notes, diag.Diagnostic{Severity: diag.Note,
			Summary: ri.addr + " not resolved",
			Detail:  what + "; its outputs are unknown and nothing is concluded from them",
			Range:   s.l.toRange(ri.res.decl.block.DefRange)})
	}
	return nil
}

func describeState(typ string, cfg map[string]string) string {
	var parts []string
	keys := backendIdentity[typ]
	if typ == "local" {
		keys = []string{"path"}
	}
	for _, k := range keys {
		parts = append(parts, k+" "+cfg[k])
	}
	return strings.TrimSpace(typ + " " + strings.Join(parts, ", "))
}

func knownString(v cty.Value) *string {
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	v, _ = v.UnmarkDeep()
	if v.Type() != cty.String {
		return nil
	}
	s := v.AsString()
	return &s
}

// rootsWithState lists the roots (other than reader) whose backend is the one
// a remote state block describes.
func (l *loader) rootsWithState(reader *rootState, typ string, cfg map[string]string) []*rootState {
	var out []*rootState
	for _, r := range l.roots {
		if r == reader || r.scope == nil {
			continue
		}
		b := r.decl.backend
		if typ == "local" {
			want := cfg["path"]
			if want == "" {
				want = "terraform.tfstate"
			}
			if !filepath.IsAbs(want) {
				want = filepath.Join(reader.abs, want)
			}
			have := ""
			switch {
			case b == nil:
				have = filepath.Join(r.abs, "terraform.tfstate")
			case b.typ == "local":
				have = b.attrs["path"]
				if have == "" {
					have = "terraform.tfstate"
				}
				if !filepath.IsAbs(have) {
					have = filepath.Join(r.abs, have)
				}
			}
			if have != "" && filepath.Clean(have) == filepath.Clean(want) {
				out = append(out, r)
			}
			continue
		}
		ids := backendIdentity[typ]
		if b == nil || b.typ != typ || len(ids) == 0 {
			continue
		}
		match := true
		for _, k := range ids {
			if b.attrs[k] != cfg[k] {
				match = false
			}
		}
		if match && cfg[ids[0]] != "" {
			out = append(out, r)
		}
	}
	return out
}

// dataComputed gives the computed attributes of data sources that read what
// another part of the run declares. ok is false when it does not apply.
func (s *scope) dataComputed(ri *resInstance, name string) (cty.Value, bool) {
	d := ri.res.decl
	if !d.data {
		return cty.NilVal, false
	}
	switch d.typ {
	case "aws_ssm_parameter":
		if name == "value" || name == "insecure_value" {
			if w := s.ssmWriter(ri); w != nil {
				return w.ssmValue(), true
			}
		}
	case "aws_vpclattice_service_network", "aws_vpclattice_service":
		if t := s.latticeTarget(ri); t != nil {
			return cty.DynamicVal.Mark(refMark{Source: t.Source, Addr: t.Addr, Attr: name}), true
		}
	}
	return cty.NilVal, false
}

// instRef is one resource instance with the scope it belongs to.
type instRef struct {
	s  *scope
	ri *resInstance
}

func (r instRef) attr(name string) cty.Value {
	return r.s.instanceAttr(r.ri, name, topAttributes(r.ri.res.decl.body)[name])
}

// ssmValue is the value an aws_ssm_parameter resource writes.
func (r instRef) ssmValue() cty.Value {
	attrs := topAttributes(r.ri.res.decl.body)
	if _, ok := attrs["value"]; !ok {
		if _, ok := attrs["insecure_value"]; ok {
			return r.attr("insecure_value")
		}
	}
	return r.attr("value")
}

// runIndex lists, across every root and module instance of the run, what
// lookups by name need. It is built on first use only.
type runIndex struct {
	ssmWriters map[string][]instRef
	ssmReaders map[string]bool
	services   map[string][]instRef
}

func (l *loader) runIndex() *runIndex {
	if l.index != nil {
		return l.index // possibly still being built: a lookup from inside the walk sees what is there
	}
	l.index = &runIndex{ssmWriters: map[string][]instRef{}, ssmReaders: map[string]bool{}, services: map[string][]instRef{}}
	l.eachScope(func(s *scope) {
		for _, rd := range s.decl.order {
			switch typeKey(rd) {
			case "aws_ssm_parameter", "data.aws_ssm_parameter", "aws_vpclattice_service":
			default:
				continue
			}
			rs := s.resources[rd.key()]
			s.expand(rs)
			for _, ri := range rs.instances {
				ir := instRef{s: s, ri: ri}
				n := knownString(ir.attr("name"))
				if n == nil {
					continue
				}
				switch typeKey(rd) {
				case "aws_ssm_parameter":
					key := ssmKey(*n)
					l.index.ssmWriters[key] = append(l.index.ssmWriters[key], ir)
				case "data.aws_ssm_parameter":
					l.index.ssmReaders[ssmKey(*n)] = true
				default:
					l.index.services[*n] = append(l.index.services[*n], ir)
				}
			}
		}
	})
	return l.index
}

// eachScope calls fn for every root and module instance scope of the run.
func (l *loader) eachScope(fn func(*scope)) {
	var walk func(s *scope)
	walk = func(s *scope) {
		fn(s)
		for _, ms := range s.sortedModules() {
			s.expandModule(ms)
			if ms.decl == nil {
				continue
			}
			for _, mi := range ms.instances {
				walk(s.childScope(mi))
			}
		}
	}
	for _, r := range l.roots {
		if r.scope != nil {
			walk(r.scope)
		}
	}
}

// ssmKey normalises a parameter name or ARN to "/path/name".
func ssmKey(name string) string {
	if a, ok := model.ParseARN(name); ok && a.Service == "ssm" {
		name = strings.TrimPrefix(a.Resource, "parameter")
	}
	return "/" + strings.TrimPrefix(name, "/")
}

// ssmWriter finds the aws_ssm_parameter resource whose value a data source
// reads: the one writer of that name, or of that name in the account and
// Region the data source's ARN or provider names.
func (s *scope) ssmWriter(ri *resInstance) *instRef {
	n := knownString(instRef{s: s, ri: ri}.attr("name"))
	if n == nil {
		return nil
	}
	cands := s.l.runIndex().ssmWriters[ssmKey(*n)]
	acct, region := "", ""
	if a, ok := model.ParseARN(*n); ok {
		acct, region = a.Account, a.Region
	} else {
		p := s.provider(ri.res.decl.provider)
		if p.account.Known {
			acct = p.account.Value
		}
		if p.region.Known {
			region = p.region.Value
		}
	}
	var out []instRef
	for _, c := range cands {
		p := c.s.provider(c.ri.res.decl.provider)
		if acct != "" && p.account.Known && p.account.Value != acct {
			continue
		}
		if region != "" && p.region.Known && p.region.Value != region {
			continue
		}
		out = append(out, c)
	}
	if len(out) != 1 {
		return nil
	}
	return &out[0]
}

// latticeTarget resolves a Lattice data source to the entity of the run it
// looks up: its identifier carries a reference to one (through remote state,
// an SSM parameter, a variable), or its name is that of exactly one service.
func (s *scope) latticeTarget(ri *resInstance) *refMark {
	if ri.resolved {
		return ri.target
	}
	ri.resolved = true
	d := ri.res.decl
	args := []string{"service_network_identifier"}
	want := map[string]bool{"aws_vpclattice_service_network": true, "data.aws_vpclattice_service_network": true}
	if d.typ == "aws_vpclattice_service" {
		args = []string{"service_identifier", "name"}
		want = map[string]bool{"aws_vpclattice_service": true, "data.aws_vpclattice_service": true}
	}
	attrs := topAttributes(d.body)
	for _, arg := range args {
		a := attrs[arg]
		if a == nil {
			continue
		}
		v := s.instanceAttr(ri, arg, a)
		if !v.IsKnown() {
			var found *refMark
			for m := range allMarks(v) {
				rm, ok := m.(refMark)
				if !ok || !want[s.l.entityTypes[rm.id()]] {
					continue
				}
				if found != nil && found.id() != rm.id() {
					return nil // two candidates
				}
				found = &rm
			}
			ri.target = found
			return found
		}
		if arg == "name" {
			if n := knownString(v); n != nil {
				if cands := s.l.runIndex().services[*n]; len(cands) == 1 {
					c := cands[0]
					ri.target = &refMark{Source: c.s.source, Addr: c.ri.addr}
				}
			}
		}
		return ri.target
	}
	return nil
}

// allMarks collects the marks of v and of everything inside it.
func allMarks(v cty.Value) cty.ValueMarks {
	out := cty.ValueMarks{}
	for m := range v.Marks() {
		out[m] = struct{}{}
	}
	_, pvm := v.UnmarkDeepWithPaths()
	for _, pm := range pvm {
		for m := range pm.Marks {
			out[m] = struct{}{}
		}
	}
	return out
}

// escapeOutputs marks the entities a root's outputs name as escaped: a
// pipeline, a Makefile or a sibling root fed through variables may use them
// to add the relations they lack (DOMAIN §4.G). A root whose state a
// terraform_remote_state of the run reads keeps its outputs: the readers are
// in the model. Run after every root is built, so every reader has resolved.
func (l *loader) escapeOutputs(r *rootState) {
	if r.scope == nil || r.decl == nil || l.readRemotely[r] {
		return
	}
	names := make([]string, 0, len(r.decl.outputs))
	for n := range r.decl.outputs {
		names = append(names, n)
	}
	sort.Strings(names)
	b := &builder{s: r.scope, l: l}
	for _, n := range names {
		b.markValue(r.scope.output(n), false)
	}
}
