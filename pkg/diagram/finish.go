package diagram

import (
	"cmp"
	"fmt"
	"sort"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// suggestSplitAt is where a diagram gets a note suggesting a smaller view:
// SVG copes with thousands of boxes, readers stop coping long before.
const suggestSplitAt = 250

// finish attaches findings, applies the views (focus, only-findings,
// aggregation), drops empty containers and sorts everything.
func (b *builder) finish() error {
	b.attachFindings()
	if b.opts.Focus != "" {
		if err := b.focus(); err != nil {
			return err
		}
	}
	if b.opts.OnlyFindings {
		b.onlyFindings()
	}
	if b.opts.Detail != DetailFull && b.opts.AggregateMin > 1 {
		b.aggregate()
	}
	b.dropEmptyClusters()
	b.remark()
	b.sortOut()
	b.g.Legend = b.legend()
	b.g.Omitted = b.omitted()
	b.g.Summary = b.summary()
	if len(b.g.Nodes) > suggestSplitAt && b.src.scope == nil && b.opts.Focus == "" {
		b.g.Notes = append(b.g.Notes, fmt.Sprintf("%d boxes are hard to read in one picture; try --split service-network, --focus NAME or --detail overview", len(b.g.Nodes)))
	}
	return b.checkIDs()
}

// elementFor finds the drawn element that shows an entity, walking up to its
// owner when the entity itself is folded away.
func (b *builder) elementFor(entity string, depth int) string {
	if entity == "" || depth > 6 {
		return ""
	}
	if el := b.seen[entity]; el != "" && el != foldedDetail {
		return el
	}
	up := func(r model.Ref) string { return b.elementFor(r.Target, depth+1) }
	switch e := b.m.Get(entity).(type) {
	case *model.Listener:
		return up(e.Service)
	case *model.ListenerRule:
		if el := up(e.Listener); el != "" {
			return el
		}
		return up(e.Service)
	case *model.Target:
		return up(e.TargetGroup)
	case *model.TargetGroup:
		for _, s := range e.Services {
			if el := b.elementFor(s, depth+1); el != "" {
				return el
			}
		}
	case *model.Subnet:
		return up(e.VPC)
	case *model.SecurityGroup:
		return up(e.VPC)
	case *model.SecurityGroupRule:
		return up(e.SecurityGroup)
	case *model.LambdaPermission:
		return up(e.Function)
	case *model.AuthPolicy:
		return up(e.Resource)
	case *model.ResourcePolicy:
		return up(e.Resource)
	case *model.AccessLogSubscription:
		return up(e.Resource)
	case *model.ShareAssociation:
		return up(e.Share)
	case *model.ServiceAssociation:
		return up(e.Service)
	case *model.ResourceAssociation:
		return up(e.ResourceConfiguration)
	}
	return ""
}

func (b *builder) attachFindings() {
	if b.opts.NoFindings {
		return
	}
	fs := append([]finding.Finding(nil), b.src.findings...)
	finding.SortFindings(fs)
	for _, f := range fs {
		if b.src.scope != nil && !b.src.scope[f.Entity] {
			continue
		}
		el := b.elementFor(f.Entity, 0)
		i := len(b.g.Findings)
		b.g.Findings = append(b.g.Findings, Mark{Finding: f, Element: el})
		switch {
		case b.nodes[el] != nil:
			b.nodes[el].Findings = append(b.nodes[el].Findings, i)
		case b.edges[el] != nil:
			b.edges[el].Findings = append(b.edges[el].Findings, i)
		case b.clusters[el] != nil:
			b.clusters[el].Findings = append(b.clusters[el].Findings, i)
		default:
			b.g.Findings[i].Element = ""
		}
	}
}

// ---- views ----

func (b *builder) neighbours() map[string][]string {
	adj := map[string][]string{}
	for _, id := range sortedKeys(b.edges) {
		e := b.edges[id]
		adj[e.From] = append(adj[e.From], e.To)
		adj[e.To] = append(adj[e.To], e.From)
	}
	return adj
}

// inCluster reports whether cluster c is cl or nested in it.
func (b *builder) inCluster(c, cl string) bool {
	for i := 0; c != "" && i < 8; i++ {
		if c == cl {
			return true
		}
		c = b.clusters[c].Parent
	}
	return false
}

func (b *builder) focus() error {
	want := strings.ToLower(b.opts.Focus)
	seeds := map[string]bool{}
	for id, n := range b.nodes {
		match := strings.ToLower(n.Name) == want || strings.ToLower(n.ID) == want || strings.ToLower(n.Address) == want
		for _, e := range n.Entities {
			if strings.ToLower(e) == want {
				match = true
			}
		}
		if match {
			seeds[id] = true
		}
	}
	for cid, c := range b.clusters {
		if c.Kind != "vpc" {
			continue
		}
		meta := b.m.Get(c.Entity).Base()
		if strings.ToLower(cid) != want && strings.ToLower(meta.Address) != want && strings.ToLower(meta.ID) != want &&
			!strings.EqualFold(strings.TrimPrefix(strings.SplitN(c.Label, " (", 2)[0], "VPC "), b.opts.Focus) {
			continue
		}
		for id, n := range b.nodes {
			if b.inCluster(n.Cluster, cid) {
				seeds[id] = true
			}
		}
	}
	if len(seeds) == 0 {
		var names []string
		for _, id := range sortedKeys(b.nodes) {
			names = append(names, b.nodes[id].Name)
		}
		if len(names) > 12 {
			names = append(names[:12], "…")
		}
		return errorf("--focus %q matches nothing drawn at --detail %s (names: %s)", b.opts.Focus, b.opts.Detail, strings.Join(names, ", "))
	}
	keep := b.within(seeds, b.opts.Depth)
	b.prune(keep, "focus")
	return nil
}

// within is the set of nodes at most depth edges away from the seeds.
func (b *builder) within(seeds map[string]bool, depth int) map[string]bool {
	adj := b.neighbours()
	keep := map[string]bool{}
	frontier := sortedKeys(seeds)
	for _, s := range frontier {
		keep[s] = true
	}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []string
		for _, id := range frontier {
			for _, nb := range adj[id] {
				if !keep[nb] {
					keep[nb] = true
					next = append(next, nb)
				}
			}
		}
		frontier = next
	}
	return keep
}

func (b *builder) onlyFindings() {
	seeds := map[string]bool{}
	for id, n := range b.nodes {
		if len(n.Findings) > 0 {
			seeds[id] = true
		}
	}
	for _, e := range b.edges {
		if len(e.Findings) > 0 {
			seeds[e.From], seeds[e.To] = true, true
		}
	}
	for cid, c := range b.clusters {
		if len(c.Findings) == 0 {
			continue
		}
		for id, n := range b.nodes {
			if n.Cluster == cid {
				seeds[id] = true
			}
		}
	}
	b.prune(b.within(seeds, 1), "only-findings")
}

// prune removes every node not in keep, the edges touching them, and records
// why the entities they showed are gone.
func (b *builder) prune(keep map[string]bool, reason string) {
	gone := map[string]bool{}
	for id := range b.nodes {
		if !keep[id] {
			gone[id] = true
			delete(b.nodes, id)
		}
	}
	for id, e := range b.edges {
		if gone[e.From] || gone[e.To] {
			gone[id] = true
			delete(b.edges, id)
		}
	}
	for ent, el := range b.seen {
		if gone[el] {
			if _, ok := b.prunedBy[ent]; !ok {
				b.prunedBy[ent] = reason
			}
		}
	}
}

// ---- aggregation ----

// aggregate collapses blocks of same-shaped siblings: nodes in the same
// container, of the same kind and shape (everything but the name), without
// findings, whose edges lead to the same blocks. The blocks are found by
// partition refinement, so 30 identical services each forwarding to their own
// identical target group become "30 services" → "30 target groups".
func (b *builder) aggregate() {
	ids := sortedKeys(b.nodes)
	solo := map[string]bool{}
	keys := map[string]string{}
	for _, id := range ids {
		n := b.nodes[id]
		solo[id] = len(n.Findings) > 0 || n.Ghost || n.Count > 1
		keys[id] = shapeKey(n)
		if solo[id] {
			keys[id] = "solo:" + id
		}
	}
	block, count := classes(ids, keys)
	edgeIDs := sortedKeys(b.edges)
	for round := 0; round < 32; round++ {
		sig := map[string][]string{}
		for _, eid := range edgeIDs {
			e := b.edges[eid]
			if len(e.Findings) > 0 {
				sig[e.From] = append(sig[e.From], "!"+eid)
				sig[e.To] = append(sig[e.To], "!"+eid)
				continue
			}
			sig[e.From] = append(sig[e.From], fmt.Sprintf("out|%s|%s|%s|%d", e.Kind, e.FromPort, e.Label, block[e.To]))
			sig[e.To] = append(sig[e.To], fmt.Sprintf("in|%s|%s|%d", e.Kind, e.Label, block[e.From]))
		}
		for _, id := range ids {
			s := sig[id]
			sort.Strings(s)
			keys[id] = fmt.Sprintf("%d#%s", block[id], strings.Join(dedupe(s), ";"))
		}
		next, n := classes(ids, keys)
		block = next
		if n == count {
			break
		}
		count = n
	}
	members := map[string][]string{}
	for _, id := range ids {
		k := fmt.Sprint(block[id])
		if solo[id] {
			k = "solo:" + id
		}
		members[k] = append(members[k], id)
	}
	rename := map[string]string{}
	for _, k := range sortedKeys(members) {
		ms := members[k]
		if strings.HasPrefix(k, "solo:") || len(ms) < b.opts.AggregateMin {
			continue
		}
		first := b.nodes[ms[0]]
		agg := &Node{
			ID: "agg_" + first.ID, Kind: first.Kind, Cluster: first.Cluster, Caption: first.Caption,
			Facts: sharedFacts(b.nodes, ms), Rows: first.Rows, Count: len(ms),
		}
		var names []string
		for _, id := range ms {
			n := b.nodes[id]
			agg.Entities = append(agg.Entities, n.Entities...)
			names = append(names, n.Name)
			rename[id] = agg.ID
			delete(b.nodes, id)
		}
		sort.Strings(names)
		agg.Name = fmt.Sprintf("%d × %s", len(ms), strings.ToLower(first.Caption))
		sample := names
		if len(sample) > 3 {
			sample = append(sample[:3:3], "…")
		}
		agg.Facts = append([]Fact{{Text: truncate(strings.Join(sample, ", "), 44), Muted: true}}, agg.Facts...)
		b.nodes[agg.ID] = agg
	}
	if len(rename) == 0 {
		return
	}
	for ent, el := range b.seen {
		if r, ok := rename[el]; ok {
			b.seen[ent] = r
		}
	}
	merged := map[string]*Edge{}
	for _, eid := range edgeIDs {
		e := b.edges[eid]
		from, to := e.From, e.To
		if r, ok := rename[from]; ok {
			from = r
		}
		if r, ok := rename[to]; ok {
			to = r
		}
		if from == e.From && to == e.To {
			merged[eid] = e
			continue
		}
		id := "e_" + from
		if e.FromPort != "" {
			id += "_" + e.FromPort
		}
		id += "__" + to + "_" + e.Kind
		if m, ok := merged[id]; ok {
			m.Count += e.Count
			m.Entities = append(m.Entities, e.Entities...)
			continue
		}
		ne := *e
		ne.ID, ne.From, ne.To = id, from, to
		merged[id] = &ne
		for _, ent := range e.Entities {
			b.seen[ent] = id
		}
	}
	for _, e := range merged {
		for _, ent := range e.Entities {
			b.seen[ent] = e.ID
		}
	}
	b.edges = merged
}

// sharedFacts are the facts of an aggregate of same-shaped nodes: each fact's
// text where every member has the same, else its shape.
func sharedFacts(nodes map[string]*Node, members []string) []Fact {
	first := nodes[members[0]]
	out := make([]Fact, len(first.Facts))
	for i, f := range first.Facts {
		out[i] = f
		for _, id := range members[1:] {
			if nodes[id].Facts[i].Text != f.Text {
				out[i] = Fact{Text: f.Shape, Muted: f.Muted}
				break
			}
		}
	}
	return out
}

// classes numbers the distinct keys (in sorted order) and gives each id its
// key's number.
func classes(ids []string, keys map[string]string) (map[string]int, int) {
	uniq := map[string]int{}
	for _, id := range ids {
		uniq[keys[id]] = 0
	}
	for i, k := range sortedKeys(uniq) {
		uniq[k] = i
	}
	out := make(map[string]int, len(ids))
	for _, id := range ids {
		out[id] = uniq[keys[id]]
	}
	return out, len(uniq)
}

func shapeKey(n *Node) string {
	var s strings.Builder
	s.WriteString(n.Cluster + "|" + n.Kind + "|" + n.Caption)
	for _, f := range n.Facts {
		fmt.Fprintf(&s, "|f:%s:%v", cmp.Or(f.Shape, f.Text), f.Muted)
	}
	for _, r := range n.Rows {
		fmt.Fprintf(&s, "|r:%s:%s:%s", r.Port, r.Label, r.Note)
	}
	return s.String()
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// ---- tidy up ----

func (b *builder) dropEmptyClusters() {
	used := map[string]bool{}
	for _, n := range b.nodes {
		for c, i := n.Cluster, 0; c != "" && i < 8; i++ {
			used[c] = true
			c = b.clusters[c].Parent
		}
	}
	for id := range b.clusters {
		if !used[id] {
			delete(b.clusters, id)
		}
	}
}

// remark drops marks whose element a view removed.
func (b *builder) remark() {
	for i := range b.g.Findings {
		el := b.g.Findings[i].Element
		if el != "" && b.nodes[el] == nil && b.edges[el] == nil && b.clusters[el] == nil {
			b.g.Findings[i].Element = ""
		}
	}
}

// clusterKinds are the diagram's own containers, outermost first.
var clusterKinds = []string{"account", "region", string(model.KindVPC), "outside"}

// kindRank orders clusters and nodes of one level: the diagram's containers
// in clusterKinds order, entities in the kind registry's order.
func kindRank(kind string) int {
	for i, k := range clusterKinds {
		if k == kind {
			return i
		}
	}
	for i, k := range model.Kinds {
		if string(k.Kind) == kind {
			return len(clusterKinds) + i
		}
	}
	return len(clusterKinds) + len(model.Kinds)
}

func (b *builder) sortOut() {
	g := b.g
	g.Clusters, g.Nodes, g.Edges = nil, nil, nil
	for _, c := range b.clusters {
		g.Clusters = append(g.Clusters, c)
	}
	depth := func(c *Cluster) int {
		d := 0
		for p := c.Parent; p != "" && d < 8; d++ {
			p = b.clusters[p].Parent
		}
		return d
	}
	sort.Slice(g.Clusters, func(i, j int) bool {
		a, c := g.Clusters[i], g.Clusters[j]
		if da, dc := depth(a), depth(c); da != dc {
			return da < dc
		}
		if ka, kc := kindRank(a.Kind), kindRank(c.Kind); ka != kc {
			return ka < kc
		}
		if a.Label != c.Label {
			return a.Label < c.Label
		}
		return a.ID < c.ID
	})
	for _, n := range b.nodes {
		g.Nodes = append(g.Nodes, n)
	}
	sort.Slice(g.Nodes, func(i, j int) bool {
		a, c := g.Nodes[i], g.Nodes[j]
		if ka, kc := kindRank(a.Kind), kindRank(c.Kind); ka != kc {
			return ka < kc
		}
		if a.Name != c.Name {
			return a.Name < c.Name
		}
		return a.ID < c.ID
	})
	for _, e := range b.edges {
		sort.Strings(e.Entities)
		g.Edges = append(g.Edges, e)
	}
	sort.Slice(g.Edges, func(i, j int) bool { return g.Edges[i].ID < g.Edges[j].ID })
	for _, n := range g.Nodes {
		sort.Strings(n.Entities)
	}
}

func (b *builder) checkIDs() error {
	seen := map[string]string{}
	check := func(id, what string) error {
		if id == "" {
			return errorf("internal: empty %s id", what)
		}
		if prev, dup := seen[id]; dup {
			return errorf("internal: id %q used by a %s and a %s", id, prev, what)
		}
		seen[id] = what
		return nil
	}
	for _, c := range b.g.Clusters {
		if err := check(c.ID, "cluster"); err != nil {
			return err
		}
	}
	for _, n := range b.g.Nodes {
		if err := check(n.ID, "node"); err != nil {
			return err
		}
	}
	for _, e := range b.g.Edges {
		if err := check(e.ID, "edge"); err != nil {
			return err
		}
	}
	return nil
}

// ---- caption, legend, left-out line ----

func (b *builder) legend() []LegendItem {
	var out []LegendItem
	sev := map[finding.Severity]bool{}
	for _, mk := range b.g.Findings {
		if mk.Element != "" {
			sev[mk.Severity] = true
		}
	}
	for _, s := range []finding.Severity{finding.SeverityError, finding.SeverityWarning, finding.SeverityInfo} {
		if sev[s] {
			out = append(out, LegendItem{Key: "sev_" + string(s), Label: "⚠ " + string(s) + " finding"})
		}
	}
	has := map[string]bool{}
	for _, e := range b.g.Edges {
		if e.CrossAccount {
			has["cross_account"] = true
		}
	}
	for _, n := range b.g.Nodes {
		if n.Ghost {
			has["ghost"] = true
		}
		if n.Count > 1 {
			has["aggregate"] = true
		}
		if n.Kind == string(model.KindResourceShare) && !n.Ghost {
			has["share"] = true
		}
	}
	for _, c := range b.g.Clusters {
		if c.Ghost {
			has["ghost"] = true
		}
	}
	for _, it := range []LegendItem{
		{"cross_account", "cross-account use"},
		{"share", "RAM share"},
		{"ghost", "outside the model"},
		{"aggregate", "same-shaped siblings, ×n"},
	} {
		if has[it.Key] {
			out = append(out, it)
		}
	}
	return out
}

func (b *builder) omitted() []Omission {
	reasons := map[string]map[string]int{}
	add := func(reason string, k model.Kind) {
		if reasons[reason] == nil {
			reasons[reason] = map[string]int{}
		}
		reasons[reason][string(k)]++
	}
	drawn := func(el string) bool { return b.nodes[el] != nil || b.edges[el] != nil || b.clusters[el] != nil }
	for _, e := range b.m.Entities() {
		meta := e.Base()
		if b.src.scope != nil && !b.src.scope[meta.ID] {
			add("split", kindOf(e))
			continue
		}
		if r, ok := b.prunedBy[meta.ID]; ok {
			add(r, kindOf(e))
			continue
		}
		el := b.seen[meta.ID]
		switch {
		case b.nodes[el] != nil && b.nodes[el].Count > 1:
			add("aggregated", kindOf(e))
		case el == foldedDetail:
			add("detail", kindOf(e))
		case el == "" || !drawn(el):
			add("context", kindOf(e))
		}
	}
	how := map[string]string{
		"detail":        "counted, not drawn; --detail " + nextDetail(b.opts.Detail) + " draws them",
		"focus":         fmt.Sprintf("outside --focus %s --depth %d; raise --depth or drop --focus", b.opts.Focus, b.opts.Depth),
		"only-findings": "no finding nearby; drop --only-findings",
		"split":         "in the other diagrams of the split",
		"context":       "no part in a Lattice path; never drawn",
		"aggregated":    "drawn as ×n groups of same-shaped siblings; --detail full draws each",
	}
	var out []Omission
	for _, r := range []string{"focus", "only-findings", "split", "aggregated", "detail", "context"} {
		if len(reasons[r]) > 0 {
			out = append(out, Omission{Reason: r, Counts: reasons[r], How: how[r]})
		}
	}
	return out
}

func kindOf(e model.Entity) model.Kind {
	if x, ok := e.(*model.External); ok {
		return "external " + x.For
	}
	return e.Base().Kind
}

func nextDetail(d Detail) string {
	if d == DetailOverview {
		return "service (or full)"
	}
	return "full"
}

// LeftOut is the one-line account of what the diagram does not show; "" when
// it shows everything.
func (g *Graph) LeftOut() string {
	var parts []string
	for _, o := range g.Omitted {
		var ks []string
		total := 0
		for _, k := range sortedKeys(o.Counts) {
			total += o.Counts[k]
			ks = append(ks, plural(o.Counts[k], strings.ReplaceAll(k, "_", " "), pluralKind(k)))
		}
		if len(ks) > 4 {
			ks = append(ks[:4:4], fmt.Sprintf("%d more", total-sumFirst(o.Counts, 4)))
		}
		parts = append(parts, strings.Join(ks, ", ")+" ("+o.How+")")
	}
	unplaced := 0
	for _, mk := range g.Findings {
		if mk.Element == "" {
			unplaced++
		}
	}
	if unplaced > 0 {
		parts = append(parts, plural(unplaced, "finding", "findings")+" on entities not drawn (see the lint report)")
	}
	if len(parts) == 0 {
		return ""
	}
	return "Left out: " + strings.Join(parts, "; ")
}

func sumFirst(m map[string]int, n int) int {
	s := 0
	for i, k := range sortedKeys(m) {
		if i == n {
			break
		}
		s += m[k]
	}
	return s
}

func pluralKind(k string) string {
	k = strings.ReplaceAll(k, "_", " ")
	switch {
	case strings.HasSuffix(k, "y"):
		return k[:len(k)-1] + "ies"
	case strings.HasSuffix(k, "s"):
		return k + "es"
	}
	return k + "s"
}

func (b *builder) summary() string {
	var parts []string
	if b.opts.Title != "" {
		parts = append(parts, clean(b.opts.Title))
	}
	accts, sns, svcs := 0, 0, 0
	for _, c := range b.g.Clusters {
		if c.Kind == "account" && !c.Ghost {
			accts++
		}
	}
	for _, n := range b.g.Nodes {
		if n.Ghost {
			continue
		}
		k := n.Count
		if k == 0 {
			k = 1
		}
		switch n.Kind {
		case string(model.KindServiceNetwork):
			sns += k
		case string(model.KindService):
			svcs += k
		}
	}
	if accts > 0 {
		parts = append(parts, plural(accts, "account", "accounts"))
	}
	parts = append(parts, plural(sns, "service network", "service networks"))
	if !b.src.networksOnly {
		parts = append(parts, plural(svcs, "service", "services"))
	}
	if !b.opts.NoFindings {
		c := map[finding.Severity]int{}
		n := 0
		for _, mk := range b.g.Findings {
			if mk.Element != "" {
				c[mk.Severity]++
				n++
			}
		}
		if n == 0 {
			parts = append(parts, "no findings")
		} else {
			var fs []string
			for _, s := range []finding.Severity{finding.SeverityError, finding.SeverityWarning, finding.SeverityInfo} {
				if c[s] > 0 {
					fs = append(fs, sevCount(c[s], s))
				}
			}
			parts = append(parts, "findings: "+strings.Join(fs, ", "))
		}
	}
	return "VPC Lattice · " + strings.Join(parts, " · ")
}
