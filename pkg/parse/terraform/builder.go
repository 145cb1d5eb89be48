package terraform

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// builder turns the resources of one evaluated module instance into entities.
type builder struct {
	s           *scope
	l           *loader
	attribution config.Attribution
	// ids maps instance addresses to entity IDs, filled before any attribute is
	// read so references resolve regardless of declaration order.
	ids       map[string]string
	providers map[string]*providerInfo
	escaped   map[string]bool
}

// mapper builds the entity for one resource instance.
type mapper func(b *builder, r *bview, meta model.Meta) model.Entity

func (b *builder) mapperFor(rd *resourceDecl) mapper {
	if rd.data {
		return dataMappers[rd.typ]
	}
	return resourceMappers[rd.typ]
}

func (b *builder) build() {
	b.ids = map[string]string{}
	b.providers = map[string]*providerInfo{}
	b.escaped = map[string]bool{}
	s := b.s
	for _, rd := range s.decl.order {
		if b.mapperFor(rd) == nil {
			continue
		}
		rs := s.resources[rd.key()]
		s.expand(rs)
		for _, ri := range rs.instances {
			b.ids[ri.addr] = s.source + "//" + ri.addr
		}
	}
	for _, rd := range s.decl.order {
		if b.l.ctx.Err() != nil {
			return
		}
		mp := b.mapperFor(rd)
		if mp == nil {
			if escapeSinks[rd.typ] {
				b.markEscapes(rd.body, s.resources[rd.key()])
			}
			continue
		}
		for _, ri := range s.resources[rd.key()].instances {
			view := &bview{b: b, body: rd.body, iv: ri.iter(), rng: rd.block.DefRange}
			e := mp(b, view, b.meta(ri, view))
			if e == nil {
				continue
			}
			if err := b.l.m.Add(e); err != nil {
				b.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate entity", Detail: err.Error(),
					Subject: rd.block.DefRange.Ptr()})
			}
		}
	}
	b.moduleCalls()
	for addr := range b.escaped {
		if id, ok := b.ids[addr]; ok {
			if e := b.l.m.Get(id); e != nil {
				e.Base().Escaped = true
			}
		}
	}
}

func (b *builder) meta(ri *resInstance, view *bview) model.Meta {
	rd := ri.res.decl
	m := model.Meta{
		ID: b.ids[ri.addr], Type: rd.typ, Address: ri.addr, Format: "terraform", Source: b.s.source,
		Range: toRange(rd.block.DefRange), Conditional: ri.maybe,
	}
	p := b.provider(rd.provider)
	m.Account, m.Region = p.account, p.region
	if m.Account.Known || !m.Account.Range.IsZero() {
		m.Account.Range = m.Range
	}
	if r, ok := view.str("region"); ok { // provider v6 per-resource region
		m.Region = r
	}
	m.Tags = view.tags()
	return m
}

// refFrom interprets an evaluated identifier: a marked unknown names the
// resource it came from; a known string is a literal; anything else is unknown.
func (b *builder) refFrom(val cty.Value, rng hcl.Range, kind model.Kind, v *bview, name string) model.Ref {
	r := model.Ref{Kind: kind, Range: toRange(rng)}
	if val.IsKnown() {
		inner, _ := val.UnmarkDeep()
		if inner.IsNull() {
			return model.Ref{}
		}
		if inner.Type() != cty.String {
			v.wrongType(rng, name, "a string", inner.Type())
			return r
		}
		r.Literal = model.Known(inner.AsString(), toRange(rng))
		return r
	}
	var found *refMark
	for m := range val.Marks() {
		rm, ok := m.(refMark)
		if !ok {
			continue
		}
		if found != nil && found.Addr != rm.Addr {
			return r // two candidates (a conditional): cannot tell
		}
		found = &rm
	}
	if found == nil {
		return r
	}
	if id, ok := b.ids[found.Addr]; ok {
		r.Target, r.Attribute = id, found.Attr
	}
	return r
}

// escapeSinks are resource types that carry values to places the model cannot
// follow (another account reads an SSM parameter or a secret).
var escapeSinks = map[string]bool{
	"aws_ssm_parameter": true, "aws_secretsmanager_secret_version": true,
}

// markEscapes flags every modelled entity whose reference appears in body.
func (b *builder) markEscapes(body hcl.Body, rs *resState) {
	var iv iterVars
	if rs != nil {
		b.s.expand(rs)
		if len(rs.instances) > 0 {
			iv = rs.instances[0].iter()
		}
	}
	for _, a := range topAttributes(body) {
		b.markValue(b.s.eval(a.Expr, iv))
	}
}

func (b *builder) markValue(v cty.Value) {
	_, pvm := v.UnmarkDeepWithPaths()
	for _, pm := range pvm {
		for m := range pm.Marks {
			if rm, ok := m.(refMark); ok {
				b.escaped[rm.Addr] = true
			}
		}
	}
	for m := range v.Marks() {
		if rm, ok := m.(refMark); ok {
			b.escaped[rm.Addr] = true
		}
	}
}

// moduleCalls handles module blocks. Modules are not expanded by this front end
// yet: their outputs are unknown, everything passed into them escapes, and a
// note says the module was not looked into.
func (b *builder) moduleCalls() {
	names := make([]string, 0, len(b.s.decl.modules))
	for n := range b.s.decl.modules {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		mc := b.s.decl.modules[n]
		for an, a := range mc.attrs {
			switch an {
			case "source", "version", "count", "for_each", "providers", "depends_on":
				continue
			}
			b.markValue(b.s.eval(a.Expr, iterVars{
				"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)}),
				"each":  cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal}),
			}))
		}
		where := "module source " + mc.source
		if !isLocalSource(mc.source) {
			where = "registry or remote module " + mc.source
		}
		b.l.notes = append(b.l.notes, diag.Diagnostic{Severity: diag.Note, Summary: "module." + n + " not expanded",
			Detail: where + ": lattice-lint did not look inside; its outputs are unknown and nothing is concluded from them",
			Range:  toRange(mc.block.DefRange)})
	}
}

// providerInfo is the account and Region a provider configuration deploys to.
type providerInfo struct {
	account model.Attr[string]
	region  model.Attr[string]
}

func (b *builder) provider(name string) *providerInfo {
	if p, ok := b.providers[name]; ok {
		return p
	}
	p := &providerInfo{}
	if b.attribution.Account != "" {
		p.account = model.Known(b.attribution.Account, model.Range{})
	}
	if b.attribution.Region != "" {
		p.region = model.Known(b.attribution.Region, model.Range{})
	}
	if pd, ok := b.s.decl.providers[name]; ok && strings.HasPrefix(name, "aws") {
		view := &bview{b: b, body: pd.body, rng: pd.block.DefRange}
		if r, ok := view.str("region"); ok {
			p.region = r
		}
		if acct := providerAccount(view); acct.Known || acct.Range != (model.Range{}) {
			if acct.Known || !p.account.Known {
				p.account = acct
			}
		}
	}
	b.providers[name] = p
	return p
}

// providerAccount reads the account from assume_role.role_arn or a single
// allowed_account_ids entry.
func providerAccount(view *bview) model.Attr[string] {
	for _, blk := range []string{"assume_role", "assume_role_with_web_identity"} {
		if ar := view.block(blk); ar != nil {
			if arn, ok := ar.str("role_arn"); ok {
				if !arn.Known {
					return model.Unknown[string](arn.Range)
				}
				if a, ok := model.ParseARN(arn.Value); ok && model.IsAccountID(a.Account) {
					return model.Known(a.Account, arn.Range)
				}
			}
		}
	}
	ids := view.strList("allowed_account_ids")
	if ids.Known && len(ids.Items) == 1 && ids.Items[0].Known {
		return ids.Items[0]
	}
	return model.Attr[string]{}
}
