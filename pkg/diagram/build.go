package diagram

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// Options choose what a diagram shows.
type Options struct {
	// Title names the scope in the caption (the input path, say).
	Title string
	// Detail defaults to DetailService.
	Detail Detail
	// Focus keeps only the entities within Depth hops of the one named (by
	// name, address, model ID or element id) and the containers that hold them.
	Focus string
	// Depth is how many edges away from the focused element to keep; 0 keeps
	// the element alone (the CLI's --depth defaults to 1).
	Depth int
	// OnlyFindings keeps elements with findings, their neighbours and containers.
	OnlyFindings bool
	// NoFindings draws no findings at all.
	NoFindings bool
	// AggregateMin is how many same-shaped siblings collapse into one "×n"
	// node; 0 means 4, a negative value turns aggregation off. DetailFull never
	// aggregates.
	AggregateMin int
}

// source is what a Graph was built from, so a coarser view can be rebuilt
// (the Mermaid fallback) without the caller's help.
type source struct {
	m        *model.Model
	findings []finding.Finding
	opts     Options
	scope    map[string]bool // split: entities of one service network
	// networksOnly draws service networks and what joins them, and counts
	// services on them: the last Mermaid fallback.
	networksOnly bool
}

func (o *Options) normalize() error {
	if o.Detail == "" {
		o.Detail = DetailService
	}
	if _, err := ParseDetail(string(o.Detail)); err != nil {
		return err
	}
	if o.Depth < 0 {
		return errorf("depth must not be negative (got %d)", o.Depth)
	}
	if o.OnlyFindings && o.NoFindings {
		return errorf("only-findings with no findings would draw nothing")
	}
	if o.AggregateMin == 0 {
		o.AggregateMin = 4
	}
	return nil
}

// Build draws a linked model and its findings. The model must have been
// linked (model.Link); Build does not modify it.
func Build(m *model.Model, findings []finding.Finding, opts Options) (*Graph, error) {
	return build(source{m: m, findings: findings, opts: opts})
}

func build(src source) (*Graph, error) {
	if src.m == nil {
		return nil, errorf("no model to draw")
	}
	if err := src.opts.normalize(); err != nil {
		return nil, err
	}
	b := newBuilder(src)
	b.draw()
	if err := b.finish(); err != nil {
		return nil, err
	}
	return b.g, nil
}

// where an entity went
const (
	foldedDetail = "\x00detail" // counted on another node at this detail
)

type builder struct {
	src      source
	m        *model.Model
	opts     Options
	g        *Graph
	ids      idTable
	clusters map[string]*Cluster
	nodes    map[string]*Node
	edges    map[string]*Edge
	// seen maps an entity to the element that shows it (node, edge or cluster
	// id) or foldedDetail.
	seen map[string]string
	// acct is the known owner account of a node, for cross-account edges.
	acct map[string]string
	// prunedBy maps entities removed by a view to the reason.
	prunedBy map[string]string
}

func newBuilder(src source) *builder {
	return &builder{
		src: src, m: src.m, opts: src.opts,
		g:        &Graph{SchemaVersion: SchemaVersion, Title: src.opts.Title, Detail: src.opts.Detail, src: src},
		ids:      newIDTable(src.m),
		clusters: map[string]*Cluster{},
		nodes:    map[string]*Node{},
		edges:    map[string]*Edge{},
		seen:     map[string]string{},
		acct:     map[string]string{},
		prunedBy: map[string]string{},
	}
}

func (b *builder) inScope(id string) bool { return b.src.scope == nil || b.src.scope[id] }

func (b *builder) see(entity, element string) {
	if entity == "" {
		return
	}
	if _, ok := b.seen[entity]; !ok || b.seen[entity] == foldedDetail {
		b.seen[entity] = element
	}
}

// ---- containers ----

func known(a model.Attr[string]) string {
	if a.Known {
		return a.Value
	}
	return ""
}

// place returns the Region (or account, or top-level) cluster an entity with
// this account and Region belongs in. Unknown levels are not drawn: a
// repository without account attribution gets no account frame.
func (b *builder) place(acct, region string, ghost bool) string {
	parent := ""
	if acct != "" {
		_, inModel := b.m.Accounts[acct]
		id := "acct_" + sanitize(acct)
		if _, ok := b.clusters[id]; !ok {
			label := "AWS account " + acct
			if a := b.m.Accounts[acct]; a != nil && a.Name != "" {
				label += " (" + a.Name + ")"
			}
			g := ghost && !inModel
			if g {
				label += " · outside the model"
			}
			b.clusters[id] = &Cluster{ID: id, Kind: "account", Label: clean(label), Ghost: g}
		}
		parent = id
	} else if ghost {
		if _, ok := b.clusters["outside"]; !ok {
			b.clusters["outside"] = &Cluster{ID: "outside", Kind: "outside", Label: "Outside the model", Ghost: true}
		}
		return "outside"
	}
	if region == "" {
		return parent
	}
	id := "rg_" + sanitize(region)
	if acct != "" {
		id = "rg_" + sanitize(acct) + "_" + sanitize(region)
	}
	if _, ok := b.clusters[id]; !ok {
		b.clusters[id] = &Cluster{ID: id, Kind: "region", Label: clean("Region " + region), Parent: parent,
			Ghost: parent != "" && b.clusters[parent].Ghost}
	}
	return id
}

func (b *builder) placeOf(meta *model.Meta) string {
	return b.place(known(meta.Account), known(meta.Region), meta.Kind == model.KindExternal)
}

// vpcCluster returns the cluster of the VPC a reference names, creating a
// ghost one for a VPC outside the model; "" when the reference is unresolved.
func (b *builder) vpcCluster(r model.Ref) string {
	if r.Target == "" {
		return ""
	}
	e := b.m.Get(r.Target)
	if e == nil {
		return ""
	}
	meta := e.Base()
	id := b.ids[meta.ID]
	if c, ok := b.clusters[id]; ok {
		return c.ID
	}
	label := "VPC " + shortAddress(meta)
	ghost := false
	switch v := e.(type) {
	case *model.VPC:
		if n := v.Tags["Name"]; n != "" {
			label = "VPC " + n
		}
		if v.Identifier.Known {
			label += " " + v.Identifier.Value
		}
		if cidrs := knownStrings(v.CIDRs); len(cidrs) > 0 {
			label += " (" + strings.Join(cidrs, ", ") + ")"
		}
	case *model.External:
		ghost = true
		label = "VPC " + known(v.Identifier) + " · outside the model"
	default:
		return ""
	}
	c := &Cluster{ID: id, Kind: "vpc", Label: clean(truncate(label, 80)), Parent: b.placeOf(meta), Entity: meta.ID, Ghost: ghost}
	b.clusters[id] = c
	b.see(meta.ID, id)
	return id
}

func knownStrings(l model.StringList) []string {
	var out []string
	for _, it := range l.Items {
		if it.Known {
			out = append(out, it.Value)
		}
	}
	return out
}

// ---- nodes ----

func (b *builder) addNode(e model.Entity, cluster, caption, name string) *Node {
	meta := e.Base()
	id := b.ids[meta.ID]
	if n, ok := b.nodes[id]; ok {
		return n
	}
	n := &Node{
		ID: id, Kind: string(meta.Kind), Cluster: cluster, Caption: caption, Name: clean(name),
		Entities: []string{meta.ID}, Address: meta.Address, Location: meta.Range.String(),
	}
	if x, ok := e.(*model.External); ok {
		n.Ghost = true
		n.Kind = string(x.For)
	}
	b.nodes[id] = n
	if a := known(meta.Account); a != "" {
		b.acct[id] = a
	}
	b.see(meta.ID, id)
	return n
}

func displayName(a model.Attr[string], meta *model.Meta) string {
	if a.Known && a.Value != "" {
		return a.Value
	}
	return shortAddress(meta)
}

// endpoint returns the node for the target of a reference, drawing an
// External as a ghost node on first use; "" when the reference is unresolved
// or its target is not drawn at this detail.
func (b *builder) endpoint(r model.Ref) string {
	if r.Target == "" {
		return ""
	}
	if id := b.ids[r.Target]; b.nodes[id] != nil {
		return id
	}
	x, ok := b.m.Get(r.Target).(*model.External)
	if !ok {
		return ""
	}
	caption, drawn := ghostCaption[x.For]
	if !drawn {
		return ""
	}
	if x.For == model.KindTargetGroup && b.opts.Detail == DetailOverview {
		return ""
	}
	n := b.addNode(x, b.placeOf(&x.Meta), caption, known(x.Identifier))
	n.Name = clean(model.ShortID(n.Name))
	n.Facts = append(n.Facts, Fact{Text: "declared outside these inputs", Muted: true})
	return n.ID
}

// ghostCaption names the kinds an external entity is drawn for, with their
// captions (the registry's labels).
var ghostCaption = func() map[model.Kind]string {
	out := map[model.Kind]string{}
	for _, k := range []model.Kind{model.KindServiceNetwork, model.KindService, model.KindTargetGroup,
		model.KindResourceConfiguration, model.KindLambdaFunction, model.KindLoadBalancer, model.KindInstance,
		model.KindResourceShare} {
		out[k] = kindCaption(k)
	}
	return out
}()

// kindCaption is a node caption: the kind's label in capitals.
func kindCaption(k model.Kind) string {
	if info := model.InfoOf(k); info != nil {
		return strings.ToUpper(info.Label)
	}
	return strings.ToUpper(strings.ReplaceAll(string(k), "_", " "))
}

func (b *builder) addEdge(kind, from, port, to string, entity string) *Edge {
	if from == "" || to == "" {
		return nil
	}
	id := "e_" + from
	if port != "" {
		id += "_" + port
	}
	id += "__" + to
	if e, ok := b.edges[id]; ok && e.Kind != kind {
		id += "_" + kind
	}
	e, ok := b.edges[id]
	if !ok {
		e = &Edge{ID: id, From: from, FromPort: port, To: to, Kind: kind, Count: 1}
		fa, ta := b.acct[from], b.acct[to]
		e.CrossAccount = fa != "" && ta != "" && fa != ta
		b.edges[id] = e
	} else {
		e.Count++
	}
	if entity != "" {
		e.Entities = append(e.Entities, entity)
		b.see(entity, id)
	}
	return e
}

// draw places every entity the detail level shows.
func (b *builder) draw() {
	m, d := b.m, b.opts.Detail
	for _, sn := range m.ServiceNetworks {
		if !b.inScope(sn.ID) {
			continue
		}
		n := b.addNode(sn, b.placeOf(&sn.Meta), "SERVICE NETWORK", displayName(sn.Name, &sn.Meta))
		n.Facts = append(n.Facts, b.authFact(sn.AuthType, sn.AuthPolicies, n.ID))
		n.Facts = append(n.Facts, b.logFact(sn.AccessLogs, n.ID))
		b.foldAll(sn.ResourcePolicies, n.ID)
		if len(sn.ResourcePolicies) > 0 {
			n.Facts = append(n.Facts, Fact{Text: "resource policy"})
		}
	}
	if b.src.networksOnly {
		b.countOnNetworks()
	}
	for _, s := range m.Services {
		if !b.inScope(s.ID) || b.src.networksOnly {
			continue
		}
		n := b.addNode(s, b.placeOf(&s.Meta), "SERVICE", displayName(s.Name, &s.Meta))
		n.Facts = append(n.Facts, b.authFact(s.AuthType, s.AuthPolicies, n.ID))
		n.Facts = append(n.Facts, b.logFact(s.AccessLogs, n.ID))
		b.foldAll(s.ResourcePolicies, n.ID)
		if s.CustomDomainName.Known && s.CustomDomainName.Value != "" {
			n.Facts = append(n.Facts, Fact{Text: clean(truncate(s.CustomDomainName.Value, 40))})
		}
		b.listeners(s, n)
	}
	if d != DetailOverview {
		for _, tg := range m.TargetGroups {
			if !b.inScope(tg.ID) {
				continue
			}
			cl := b.vpcCluster(tg.VPC)
			if cl == "" {
				cl = b.placeOf(&tg.Meta)
			}
			n := b.addNode(tg, cl, "TARGET GROUP", displayName(tg.Name, &tg.Meta))
			n.Facts = append(n.Facts, Fact{Text: tgShape(tg)})
			n.Facts = append(n.Facts, b.targetFact(tg, n.ID))
		}
	}
	for _, a := range m.VPCAssociations {
		if !b.inScope(a.ID) {
			continue
		}
		cl := b.vpcCluster(a.VPC)
		if cl == "" {
			cl = b.placeOf(&a.Meta)
		}
		n := b.addNode(a, cl, "SN VPC ASSOCIATION", shortAddress(&a.Meta))
		n.Facts = append(n.Facts, b.sgFact(a.SecurityGroups, n.ID))
	}
	for _, e := range m.VPCEndpoints {
		if !b.inScope(e.ID) {
			continue
		}
		cl := b.vpcCluster(e.VPC)
		if cl == "" {
			cl = b.placeOf(&e.Meta)
		}
		n := b.addNode(e, cl, "VPC ENDPOINT", shortAddress(&e.Meta))
		if e.EndpointType.Known {
			n.Facts = append(n.Facts, Fact{Text: "type " + clean(e.EndpointType.Value)})
		}
		n.Facts = append(n.Facts, b.sgFact(e.SecurityGroups, n.ID))
	}
	for _, gw := range m.ResourceGateways {
		if !b.inScope(gw.ID) || b.src.networksOnly {
			continue
		}
		cl := b.vpcCluster(gw.VPC)
		if cl == "" {
			cl = b.placeOf(&gw.Meta)
		}
		n := b.addNode(gw, cl, "RESOURCE GATEWAY", displayName(gw.Name, &gw.Meta))
		n.Facts = append(n.Facts, b.sgFact(gw.SecurityGroups, n.ID))
	}
	for _, rc := range m.ResourceConfigurations {
		if !b.inScope(rc.ID) || b.src.networksOnly {
			continue
		}
		n := b.addNode(rc, b.placeOf(&rc.Meta), "RESOURCE CONFIGURATION", displayName(rc.Name, &rc.Meta))
		var parts []string
		if rc.Type.Known {
			parts = append(parts, rc.Type.Value)
		}
		if rc.Protocol.Known {
			parts = append(parts, rc.Protocol.Value)
		}
		if ports := knownStrings(rc.PortRanges); len(ports) > 0 {
			parts = append(parts, "ports "+strings.Join(ports, ","))
		}
		if len(parts) > 0 {
			n.Facts = append(n.Facts, Fact{Text: clean(truncate(strings.Join(parts, " · "), 48))})
		}
		if rc.CustomDomainName.Known && rc.CustomDomainName.Value != "" {
			n.Facts = append(n.Facts, Fact{Text: clean(truncate(rc.CustomDomainName.Value, 40))})
		}
		n.Facts = append(n.Facts, b.logFact(rc.AccessLogs, n.ID))
	}
	for _, sh := range m.ResourceShares {
		if !b.inScope(sh.ID) {
			continue
		}
		n := b.addNode(sh, b.placeOf(&sh.Meta), "RAM SHARE", displayName(sh.Name, &sh.Meta))
		n.Facts = append(n.Facts, principalFacts(sh)...)
	}
	if d == DetailFull {
		b.fullDetail()
	}
	b.drawEdges()
	for _, a := range m.ShareAssociations {
		if id := b.seen[a.Share.Target]; id != "" {
			b.see(a.ID, id)
		}
	}
	for _, r := range m.SecurityGroupRules {
		if id := b.seen[r.SecurityGroup.Target]; id != "" {
			b.see(r.ID, id)
		}
	}
}

// countOnNetworks folds every service and resource configuration (and what
// hangs off them) into counts on the service networks they join.
func (b *builder) countOnNetworks() {
	for _, e := range b.m.Entities() {
		switch e.Base().Kind {
		case model.KindService, model.KindListener, model.KindListenerRule, model.KindTargetGroup, model.KindTarget,
			model.KindResourceConfiguration, model.KindResourceGateway, model.KindServiceAssociation, model.KindResourceAssociation:
			b.see(e.Base().ID, foldedDetail)
		}
	}
	for _, sn := range b.m.ServiceNetworks {
		if n := b.nodes[b.ids[sn.ID]]; n != nil {
			n.Facts = append(n.Facts, Fact{Text: plural(len(sn.ServiceAssociations), "service", "services") + " · " +
				plural(len(sn.ResourceAssociations), "resource configuration", "resource configurations")})
		}
	}
}

func (b *builder) foldAll(ids []string, into string) {
	for _, id := range ids {
		b.see(id, into)
	}
}

func (b *builder) authFact(auth model.Attr[string], policies []string, node string) Fact {
	b.foldAll(policies, node)
	t := "auth ?"
	if auth.Known {
		t = "auth " + clean(auth.Value)
	}
	if len(policies) > 0 {
		t += " · policy"
	} else if auth.Known && auth.Value == "AWS_IAM" {
		t += " · no policy"
	}
	return Fact{Text: t}
}

func (b *builder) logFact(subs []string, node string) Fact {
	b.foldAll(subs, node)
	// A declared destination is drawn as the fact, not as a node of its own.
	for _, id := range subs {
		if a, ok := b.m.Get(id).(*model.AccessLogSubscription); ok {
			if _, ok := b.m.Get(a.Destination.Target).(*model.LogDestination); ok {
				b.see(a.Destination.Target, node)
			}
		}
	}
	switch len(subs) {
	case 0:
		return Fact{Text: "no access logs", Muted: true}
	case 1:
		a, ok := b.m.Get(subs[0]).(*model.AccessLogSubscription)
		if !ok {
			return Fact{Text: "access logs"}
		}
		var kind, name string
		if a.Destination.Literal.Known {
			kind, name = logDestination(a.Destination.Literal.Value)
		} else if d, ok := b.m.Get(a.Destination.Target).(*model.LogDestination); ok && d.Name.Known {
			kind, name = destinationLabels[d.DestinationType], d.Name.Value
		} else {
			return Fact{Text: "access logs"}
		}
		// The shape leaves the destination's own name out (see Fact.Shape).
		if kind == "" {
			return Fact{Text: clean(truncate("logs → "+name, 44)), Shape: "access logs"}
		}
		return Fact{Text: clean(truncate("logs → "+kind+" "+name, 44)), Shape: "logs → " + kind}
	}
	return Fact{Text: fmt.Sprintf("logs → %d destinations", len(subs))}
}

// destinationLabels name a declared log destination's type the way
// logDestination names it from an ARN.
var destinationLabels = map[string]string{model.LogGroup: "CloudWatch", model.S3Bucket: "S3", model.FirehoseStream: "Firehose"}

// logDestination names the kind of destination an ARN names (CloudWatch,
// S3, Firehose, else the ARN's service) and the destination.
func logDestination(arn string) (kind, name string) {
	a, ok := model.ParseARN(arn)
	if !ok {
		return "", model.ShortID(arn)
	}
	switch a.Service {
	case "s3":
		return "S3", strings.SplitN(a.Resource, "/", 2)[0]
	case "logs":
		return "CloudWatch", strings.TrimPrefix(strings.TrimSuffix(a.Resource, ":*"), "log-group:")
	case "firehose":
		return "Firehose", strings.TrimPrefix(a.Resource, "deliverystream/")
	}
	return a.Service, model.ShortID(arn)
}

// sgFact names the security groups a node uses and folds them (and their
// standalone rules) into it.
func (b *builder) sgFact(l model.RefList, node string) Fact {
	if !l.Known {
		return Fact{Text: "security groups ?"}
	}
	if len(l.Items) == 0 {
		return Fact{Text: "no security groups", Muted: true}
	}
	var names []string
	for _, r := range l.Items {
		b.see(r.Target, node)
		switch t := b.m.Get(r.Target).(type) {
		case *model.SecurityGroup:
			names = append(names, displayName(t.Name, &t.Meta))
		case *model.External:
			names = append(names, known(t.Identifier))
		default:
			if r.Literal.Known {
				names = append(names, r.Literal.Value)
			} else {
				names = append(names, "?")
			}
		}
	}
	sort.Strings(names)
	if len(names) > 2 {
		return Fact{Text: fmt.Sprintf("%d security groups", len(names))}
	}
	return Fact{Text: clean(truncate("SG "+strings.Join(names, ", "), 44))}
}

func tgShape(tg *model.TargetGroup) string {
	var parts []string
	if tg.Type.Known {
		parts = append(parts, tg.Type.Value)
	} else {
		parts = append(parts, "type ?")
	}
	if tg.Protocol.Known {
		p := tg.Protocol.Value
		if tg.Port.Known {
			p += fmt.Sprintf(":%d", tg.Port.Value)
		}
		parts = append(parts, p)
	}
	return clean(strings.Join(parts, " · "))
}

func (b *builder) targetFact(tg *model.TargetGroup, node string) Fact {
	if b.opts.Detail != DetailFull {
		for _, id := range tg.Targets {
			b.see(id, foldedDetail)
			if t, ok := b.m.Get(id).(*model.Target); ok {
				b.see(t.Target.Target, foldedDetail)
			}
		}
	}
	t := plural(len(tg.Targets), "target", "targets")
	if len(tg.DynamicSources) > 0 {
		t += " + registered at run time"
		b.foldAll(tg.DynamicSources, node)
	}
	return Fact{Text: t, Muted: len(tg.Targets) == 0 && len(tg.DynamicSources) == 0}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func principalFacts(sh *model.ResourceShare) []Fact {
	var ps []string
	for _, p := range sh.Principals {
		if p.Known {
			ps = append(ps, p.Value)
		} else {
			ps = append(ps, "?")
		}
	}
	sort.Strings(ps)
	var out []Fact
	switch {
	case len(ps) == 0:
		out = append(out, Fact{Text: "no principals", Muted: true})
	case len(ps) <= 3:
		for _, p := range ps {
			out = append(out, Fact{Text: clean(truncate("→ "+model.ShortID(p), 40))})
		}
	default:
		out = append(out, Fact{Text: fmt.Sprintf("→ %d principals", len(ps))})
	}
	if sh.AllowExternalPrincipals.Known && sh.AllowExternalPrincipals.Value {
		out = append(out, Fact{Text: "external principals allowed"})
	}
	if !sh.Complete {
		out = append(out, Fact{Text: "may be incomplete", Muted: true})
	}
	return out
}

// listeners adds a row per listener (service and full detail) or counts them
// (overview), together with the target groups behind them.
func (b *builder) listeners(s *model.Service, n *Node) {
	var ls []*model.Listener
	for _, id := range s.Listeners {
		if l, ok := b.m.Get(id).(*model.Listener); ok {
			ls = append(ls, l)
		}
	}
	sort.Slice(ls, func(i, j int) bool {
		a, c := ls[i], ls[j]
		if a.Port.Value != c.Port.Value {
			return a.Port.Value < c.Port.Value
		}
		return a.ID < c.ID
	})
	if b.opts.Detail == DetailOverview {
		tgs := map[string]bool{}
		targets := 0
		for _, l := range ls {
			b.see(l.ID, foldedDetail)
			for _, rid := range l.Rules {
				b.see(rid, foldedDetail)
			}
		}
		for _, tg := range b.m.TargetGroups {
			for _, sid := range tg.Services {
				if sid == s.ID && !tgs[tg.ID] {
					tgs[tg.ID] = true
					targets += len(tg.Targets)
					b.see(tg.ID, foldedDetail)
					for _, t := range tg.Targets {
						b.see(t, foldedDetail)
					}
				}
			}
		}
		if len(ls) > 0 {
			n.Facts = append(n.Facts, Fact{Text: plural(len(ls), "listener", "listeners") + " · " +
				plural(len(tgs), "TG", "TGs") + " · " + plural(targets, "target", "targets")})
		} else {
			n.Facts = append(n.Facts, Fact{Text: "no listeners", Muted: true})
		}
		return
	}
	if len(ls) == 0 {
		n.Facts = append(n.Facts, Fact{Text: "no listeners", Muted: true})
	}
	for i, l := range ls {
		label := "?"
		if l.Protocol.Known {
			label = l.Protocol.Value
		}
		if l.Port.Known {
			label += fmt.Sprintf(":%d", l.Port.Value)
		}
		note := actionNote(l.DefaultAction)
		if len(l.Rules) > 0 {
			note = plural(len(l.Rules), "rule", "rules") + " · " + note
		}
		n.Rows = append(n.Rows, Row{Port: fmt.Sprintf("p%d", i), Label: clean(label), Note: clean(note), Entity: l.ID})
		b.see(l.ID, n.ID)
		if b.opts.Detail != DetailFull {
			for _, rid := range l.Rules {
				b.see(rid, n.ID)
			}
		}
	}
}

func actionNote(a model.Action) string {
	if !a.Type.Known {
		return "action ?"
	}
	switch a.Type.Value {
	case "fixed_response":
		if a.StatusCode.Known {
			return fmt.Sprintf("fixed %d", a.StatusCode.Value)
		}
		return "fixed response"
	case "forward":
		if len(a.Forward) == 1 {
			return "forward"
		}
		return fmt.Sprintf("forward ×%d", len(a.Forward))
	}
	return clean(a.Type.Value)
}

// fullDetail draws listener rules and targets as nodes.
func (b *builder) fullDetail() {
	for _, r := range b.m.ListenerRules {
		svc := b.ids[r.Service.Target]
		if svc == "" || b.nodes[svc] == nil {
			if l, ok := b.m.Get(r.Listener.Target).(*model.Listener); ok {
				svc = b.ids[l.Service.Target]
			}
		}
		sn := b.nodes[svc]
		if sn == nil {
			continue
		}
		n := b.addNode(r, sn.Cluster, "LISTENER RULE", displayName(r.Name, &r.Meta))
		if r.Priority.Known {
			n.Facts = append(n.Facts, Fact{Text: fmt.Sprintf("priority %d", r.Priority.Value)})
		}
		if t := matchText(r.Match); t != "" {
			n.Facts = append(n.Facts, Fact{Text: clean(truncate(t, 44))})
		}
		n.Facts = append(n.Facts, Fact{Text: actionNote(r.Action)})
	}
	for _, t := range b.m.Targets {
		tg := b.nodes[b.ids[t.TargetGroup.Target]]
		if tg == nil {
			continue
		}
		var n *Node
		ref := b.m.Get(t.Target.Target)
		if ref != nil && isVPC(ref) {
			// A VPC (Id: !Ref Vpc) is no valid target and is drawn as a
			// cluster: show the target itself, ghosted, beside it.
			n = b.addNode(t, tg.Cluster, "TARGET", b.targetName(ref))
			n.Ghost = true
			n.Facts = append(n.Facts, Fact{Text: "names a VPC"})
		} else if ref != nil {
			caption := kindCaption(ref.Base().Kind)
			if x, ok := ref.(*model.External); ok {
				caption = kindCaption(x.For)
			}
			n = b.addNode(ref, tg.Cluster, caption, b.targetName(ref))
			b.see(t.ID, n.ID)
		} else {
			name := "?"
			if t.Target.Literal.Known {
				name = t.Target.Literal.Value
			}
			n = b.addNode(t, tg.Cluster, "TARGET", name)
		}
		label := ""
		if t.Port.Known {
			label = fmt.Sprintf("port %d", t.Port.Value)
		}
		if e := b.addEdge("target", tg.ID, "", n.ID, t.ID); e != nil && e.Label == "" {
			e.Label = label
		}
	}
}

// isVPC reports whether e is drawn as a VPC cluster.
func isVPC(e model.Entity) bool {
	if x, ok := e.(*model.External); ok {
		return x.For == model.KindVPC
	}
	return e.Base().Kind == model.KindVPC
}

func (b *builder) targetName(e model.Entity) string {
	switch v := e.(type) {
	case *model.LambdaFunction:
		return displayName(v.Name, &v.Meta)
	case *model.LoadBalancer:
		return displayName(v.Name, &v.Meta)
	case *model.External:
		return model.ShortID(known(v.Identifier))
	}
	return shortAddress(e.Base())
}

func matchText(m model.Match) string {
	var parts []string
	if m.Method.Known {
		parts = append(parts, m.Method.Value)
	}
	if m.Path.Known {
		p := m.Path.Value
		if m.PathMatchType.Known && m.PathMatchType.Value == "prefix" {
			p += "*"
		}
		parts = append(parts, p)
	}
	for _, h := range m.Headers {
		if h.Name.Known {
			parts = append(parts, "header "+h.Name.Value)
		}
	}
	return strings.Join(parts, " ")
}

func (b *builder) drawEdges() {
	m := b.m
	for _, a := range m.ServiceAssociations {
		if !b.inScope(a.ID) || b.src.networksOnly {
			continue
		}
		from, to := b.endpoint(a.ServiceNetwork), b.endpoint(a.Service)
		if b.addEdge("service_association", from, "", to, a.ID) == nil {
			b.see(a.ID, firstNonEmpty(from, to))
		}
	}
	for _, a := range m.VPCAssociations {
		if b.nodes[b.ids[a.ID]] != nil {
			b.addEdge("vpc_association", b.ids[a.ID], "", b.endpoint(a.ServiceNetwork), "")
		}
	}
	for _, e := range m.VPCEndpoints {
		if b.nodes[b.ids[e.ID]] == nil {
			continue
		}
		to := b.endpoint(e.ServiceNetwork)
		if to == "" {
			to = b.endpoint(e.ResourceConfiguration)
		}
		b.addEdge("vpc_endpoint", b.ids[e.ID], "", to, "")
	}
	for _, a := range m.ResourceAssociations {
		if !b.inScope(a.ID) || b.src.networksOnly {
			continue
		}
		from, to := b.endpoint(a.ServiceNetwork), b.endpoint(a.ResourceConfiguration)
		if b.addEdge("resource_association", from, "", to, a.ID) == nil {
			b.see(a.ID, firstNonEmpty(from, to))
		}
	}
	for _, rc := range m.ResourceConfigurations {
		if b.nodes[b.ids[rc.ID]] != nil {
			b.addEdge("gateway", b.ids[rc.ID], "", b.endpoint(rc.Gateway), "")
		}
	}
	for _, sh := range m.ResourceShares {
		if b.nodes[b.ids[sh.ID]] == nil {
			continue
		}
		for _, r := range sh.Resources {
			if e := b.addEdge("share", b.ids[sh.ID], "", b.endpoint(r), ""); e != nil {
				e.CrossAccount = false // a share is ownership, not use
			}
		}
	}
	if b.opts.Detail != DetailOverview {
		b.forwardEdges()
	}
	// Edges whose ends exist only as ids of undrawn nodes are dropped here.
	for id, e := range b.edges {
		if b.nodes[e.From] == nil || b.nodes[e.To] == nil {
			delete(b.edges, id)
		}
	}
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// forwardEdges draws listener → target group edges from the listener's row,
// or (full detail) through rule nodes.
func (b *builder) forwardEdges() {
	type key struct{ from, port, to string }
	type agg struct {
		weights []string
		rules   int
	}
	acc := map[key]*agg{}
	var order []key
	add := func(k key, weight string, rule bool) {
		a := acc[k]
		if a == nil {
			a = &agg{}
			acc[k] = a
			order = append(order, k)
		}
		if rule {
			a.rules++
		} else if weight != "" {
			a.weights = append(a.weights, weight)
		}
	}
	for _, s := range b.m.Services {
		n := b.nodes[b.ids[s.ID]]
		if n == nil {
			continue
		}
		for _, row := range n.Rows {
			l, ok := b.m.Get(row.Entity).(*model.Listener)
			if !ok {
				continue
			}
			for _, w := range l.DefaultAction.Forward {
				to := b.endpoint(w.TargetGroup)
				weight := ""
				if len(l.DefaultAction.Forward) > 1 && w.Weight.Known {
					weight = fmt.Sprintf("weight %d", w.Weight.Value)
				}
				add(key{n.ID, row.Port, to}, weight, false)
			}
			for _, rid := range l.Rules {
				r, ok := b.m.Get(rid).(*model.ListenerRule)
				if !ok {
					continue
				}
				if rn := b.nodes[b.ids[rid]]; rn != nil {
					add(key{n.ID, row.Port, rn.ID}, "", false)
					for _, w := range r.Action.Forward {
						weight := ""
						if len(r.Action.Forward) > 1 && w.Weight.Known {
							weight = fmt.Sprintf("weight %d", w.Weight.Value)
						}
						add(key{rn.ID, "", b.endpoint(w.TargetGroup)}, weight, false)
					}
					continue
				}
				for _, w := range r.Action.Forward {
					add(key{n.ID, row.Port, b.endpoint(w.TargetGroup)}, "", true)
				}
			}
		}
	}
	for _, k := range order {
		a := acc[k]
		kind := "forward"
		if n := b.nodes[k.to]; n != nil && n.Kind == string(model.KindListenerRule) {
			kind = "rule"
		}
		e := b.addEdge(kind, k.from, k.port, k.to, "")
		if e == nil {
			continue
		}
		var parts []string
		parts = append(parts, a.weights...)
		if a.rules > 0 {
			parts = append(parts, "via "+plural(a.rules, "rule", "rules"))
		}
		e.Label = strings.Join(parts, ", ")
	}
}
