package terraform

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// builder turns the resources of one evaluated module instance into entities.
type builder struct {
	s *scope
	l *loader
}

// mapper builds the entity for one resource instance.
type mapper func(b *builder, r *bview, meta model.Meta) model.Entity

func mapperFor(rd *resourceDecl) mapper {
	if rd.data {
		return dataMappers[rd.typ]
	}
	if mp := resourceMappers[rd.typ]; mp != nil {
		return mp
	}
	return awsccMappers[rd.typ]
}

// entityBlocks holds the block types (aws_x, data.aws_x) that become entities.
// It is filled from the mapper tables at start-up: evaluation code cannot name
// those tables without an initialisation cycle (mappers evaluate).
var entityBlocks = map[string]bool{}

func init() {
	for k := range resourceMappers {
		entityBlocks[k] = true
	}
	for k := range awsccMappers {
		entityBlocks[k] = true
	}
	for k := range dataMappers {
		entityBlocks["data."+k] = true
	}
}

// buildScope adds the entities of a scope, then of every module instance it
// calls, depth first. Scopes evaluated earlier on behalf of another root or
// module keep their caches: nothing is evaluated twice.
func (l *loader) buildScope(s *scope) {
	if s.built || l.ctx.Err() != nil {
		return
	}
	s.built = true
	b := &builder{s: s, l: l}
	b.build()
	for _, ms := range s.sortedModules() {
		s.expandModule(ms)
		if ms.decl == nil {
			b.escapeArgs(ms.call)
			continue
		}
		for _, mi := range ms.instances {
			l.buildScope(s.childScope(mi))
		}
	}
}

func (b *builder) build() {
	s := b.s
	for _, rd := range s.decl.order {
		if b.l.ctx.Err() != nil {
			return
		}
		rs := s.resources[rd.key()]
		b.checkArguments(rd)
		mp := mapperFor(rd)
		if mp == nil {
			if !rd.data && isEscapeSink(rd.typ) {
				b.markEscapes(rs)
			}
			continue
		}
		s.expand(rs)
		for _, ri := range rs.instances {
			if rd.data && (rd.typ == "aws_vpclattice_service_network" || rd.typ == "aws_vpclattice_service") && s.latticeTarget(ri) != nil {
				continue // the lookup is an entity of the run: references go to it
			}
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
}

func (b *builder) meta(ri *resInstance, view *bview) model.Meta {
	rd := ri.res.decl
	m := model.Meta{
		ID: b.s.source + "//" + ri.addr, Type: rd.typ, Address: ri.addr, Format: "terraform", Source: b.s.source,
		Range: b.l.toRange(rd.block.DefRange), CallChain: b.s.chain, Conditional: ri.maybe || b.s.maybe,
	}
	p := b.s.provider(rd.provider)
	m.Account, m.Region = p.account, p.region
	if m.Account.Known || !m.Account.Range.IsZero() {
		m.Account.Range = m.Range
	}
	if r, ok := view.str("region"); ok { // provider v6 per-resource region
		m.Region = r
	}
	tags, known := view.tagsKnown()
	m.Tags, m.TagsOpen = mergeTags(p.defaultTags, tags), !known || p.tagsOpen
	return m
}

// refFrom interprets an evaluated identifier: a marked unknown names the
// resource it came from; a known string is a literal; anything else is unknown.
func (b *builder) refFrom(val cty.Value, rng hcl.Range, kind model.Kind, v *bview, name string) model.Ref {
	r := model.Ref{Kind: kind, Range: b.l.toRange(rng)}
	if val.IsKnown() {
		inner, _ := val.UnmarkDeep()
		if inner.IsNull() {
			return model.Ref{}
		}
		if inner.Type() != cty.String {
			v.wrongType(rng, name, "a string", inner.Type())
			return r
		}
		r.Literal = model.Known(inner.AsString(), r.Range)
		return r
	}
	var found *refMark
	for m := range val.Marks() {
		rm, ok := m.(refMark)
		if !ok {
			continue
		}
		if found != nil && found.id() != rm.id() {
			return r // two candidates (a conditional): cannot tell
		}
		found = &rm
	}
	if found == nil {
		return r
	}
	if _, ok := b.l.entityTypes[found.id()]; ok {
		r.Target, r.Attribute = found.id(), b.l.refAttr(*found)
		// A string built around the reference ("arn:aws:s3:::${aws_s3_bucket.b.id}",
		// format("…%s", …)) still names the entity, but its value is not the
		// attribute read: Terraform knows the text before it.
		if u, _ := val.UnmarkDeep(); u.Type() == cty.String && u.Range().StringPrefix() != "" {
			r.Attribute = ""
		}
	}
	return r
}

// escapeSinks are resource types that carry values to places the model cannot
// follow (another account reads an SSM parameter or a secret).
var escapeSinks = map[string]bool{
	"aws_ssm_parameter": true, "aws_secretsmanager_secret_version": true,
}

// markEscapes flags every modelled entity whose reference a sink's arguments
// hold. An SSM parameter that a data source of the run reads is no sink: the
// reader resolves to the value, so the model follows it.
func (b *builder) markEscapes(rs *resState) {
	s := b.s
	s.expand(rs)
	attrs := topAttributes(rs.decl.body)
	for _, ri := range rs.instances {
		if rs.decl.typ == "aws_ssm_parameter" {
			if n := knownString(instRef{s: s, ri: ri}.attr("name")); n != nil && b.l.runIndex().ssmReaders[ssmKey(*n)] {
				continue
			}
		}
		unread := rs.decl.typ != "aws_ssm_parameter" && !escapeSinks[rs.decl.typ] // an unmodelled awscc_vpclattice_* type
		for n, a := range attrs {
			b.markValue(s.instanceAttr(ri, n, a), unread)
		}
	}
}

// markValue flags the entities v refers to as escaped, and as unread when v
// goes into code the model does not read (which may configure them too).
func (b *builder) markValue(v cty.Value, unread bool) {
	for m := range allMarks(v) {
		if rm, ok := m.(refMark); ok {
			b.l.escaped[rm.id()] = true
			if unread {
				b.l.unread[rm.id()] = true
			}
		}
	}
}

// escapeArgs handles a module call that is not read: everything passed into
// it escapes, since the module may use it in ways the model cannot see.
func (b *builder) escapeArgs(mc *moduleCall) {
	iv := iterVars{
		"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)}),
		"each":  cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal}),
	}
	names := make([]string, 0, len(mc.args))
	for n := range mc.args {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b.markValue(b.s.eval(mc.args[n].Expr, iv), true)
	}
}

// providerInfo is the account and Region a provider configuration deploys
// to, and the tags it adds to every resource (default_tags).
type providerInfo struct {
	account     model.Attr[string]
	region      model.Attr[string]
	defaultTags map[string]string
	tagsOpen    bool // default_tags whose keys or values cannot be evaluated
}

// mergeTags is a resource's tags over its provider's default tags: the
// resource's value wins for a key both set, as the provider applies them.
func mergeTags(defaults, own map[string]string) map[string]string {
	if len(defaults) == 0 {
		return own
	}
	out := make(map[string]string, len(defaults)+len(own))
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range own {
		out[k] = v
	}
	return out
}

// provider is the configuration a resource of this scope deploys with. A
// module instance uses its own provider blocks, else what the call passes
// (providers = { aws = aws.east }), else, for a default (unaliased) provider,
// its caller's. A root without a provider block has the account and Region the
// configuration file attributes to its folder.
func (s *scope) provider(name string) *providerInfo {
	if p, ok := s.providers[name]; ok {
		return p
	}
	var p *providerInfo
	pd, declared := s.decl.providers[name]
	switch {
	case declared:
		p = s.root.baseProvider()
		if strings.HasPrefix(name, "aws") {
			view := &bview{b: &builder{s: s, l: s.l}, body: pd.body, rng: pd.block.DefRange}
			if r, ok := view.str("region"); ok {
				p.region = r
			}
			if dt := view.block("default_tags"); dt != nil {
				tags, known := dt.tagsKnown()
				p.defaultTags, p.tagsOpen = tags, !known
			}
			if acct := providerAccount(view); acct.Known || acct.Range != (model.Range{}) {
				if acct.Known || !p.account.Known {
					p.account = acct
				}
			}
		}
	case s.inst != nil && s.inst.ms.call.providers[name] != "":
		p = s.parent.provider(s.inst.ms.call.providers[name])
	case s.parent != nil && !strings.Contains(name, "."):
		p = s.parent.provider(name)
	default:
		p = s.root.baseProvider()
	}
	s.providers[name] = p
	return p
}

// baseProvider is the attribution of the root's folder from the config file.
func (r *rootState) baseProvider() *providerInfo {
	p := &providerInfo{}
	if r.attribution.Account != "" {
		p.account = model.Known(r.attribution.Account, model.Range{})
	}
	if r.attribution.Region != "" {
		p.region = model.Known(r.attribution.Region, model.Range{})
	}
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
