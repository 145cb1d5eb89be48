package diagram

import (
	"sort"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// Part is one diagram of a split.
type Part struct {
	// Name is the service network's name ("" for the part holding what no
	// service network reaches); Slug is a file-name-safe, unique form of it.
	Name, Slug string
	Graph      *Graph
}

// SplitByServiceNetwork draws one diagram per service network (everything
// associated with it, behind it and sharing it), one more for what no
// service network reaches, and an index diagram whose nodes link to the parts
// (URL = Slug + ext).
func SplitByServiceNetwork(m *model.Model, findings []finding.Finding, opts Options, ext string) (index *Graph, parts []Part, err error) {
	ids := newIDTable(m)
	covered := map[string]bool{}
	sns := append([]*model.ServiceNetwork(nil), m.ServiceNetworks...)
	sort.Slice(sns, func(i, j int) bool { return ids[sns[i].ID] < ids[sns[j].ID] })
	slugs := map[string]string{}
	for _, sn := range sns {
		scope := networkScope(m, sn)
		for id := range scope {
			covered[id] = true
		}
		o := opts
		name := displayName(sn.Name, &sn.Meta)
		o.Title = joinTitle(opts.Title, name)
		g, err := build(source{m: m, findings: findings, opts: o, scope: scope})
		if err != nil {
			return nil, nil, err
		}
		slug := ids[sn.ID]
		slugs[sn.ID] = slug
		parts = append(parts, Part{Name: name, Slug: slug, Graph: g})
	}
	rest := map[string]bool{}
	drawable := false
	for _, e := range m.Entities() {
		b := e.Base()
		if !covered[b.ID] {
			rest[b.ID] = true
			if drawnAsNode[b.Kind] {
				drawable = true
			}
		}
	}
	if drawable {
		o := opts
		o.Title = joinTitle(opts.Title, "not in any service network")
		g, err := build(source{m: m, findings: findings, opts: o, scope: rest})
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, Part{Slug: "no_service_network", Graph: g})
	}
	io := opts
	io.Detail, io.Focus, io.OnlyFindings, io.Title = DetailOverview, "", false, joinTitle(opts.Title, "index")
	idxScope := map[string]bool{}
	for _, sn := range sns {
		idxScope[sn.ID] = true
	}
	index, err = build(source{m: m, findings: findings, opts: io, scope: idxScope})
	if err != nil {
		return nil, nil, err
	}
	for _, n := range index.Nodes {
		for _, e := range n.Entities {
			if s, ok := slugs[e]; ok {
				n.URL = s + "." + ext
			}
		}
	}
	return index, parts, nil
}

// drawnAsNode are the kinds full detail draws as one node each.
var drawnAsNode = map[model.Kind]bool{
	model.KindServiceNetwork: true, model.KindService: true, model.KindTargetGroup: true,
	model.KindVPCAssociation: true, model.KindVPCEndpoint: true, model.KindResourceGateway: true,
	model.KindResourceConfiguration: true, model.KindResourceShare: true, model.KindListenerRule: true,
}

func joinTitle(a, b string) string {
	if a == "" {
		return b
	}
	return a + " · " + b
}

// networkScope is every entity one service network's diagram shows.
func networkScope(m *model.Model, sn *model.ServiceNetwork) map[string]bool {
	s := map[string]bool{}
	var add func(id string)
	add = func(id string) {
		if id == "" || s[id] {
			return
		}
		e := m.Get(id)
		if e == nil {
			return
		}
		s[id] = true
		for _, r := range outRefs(e) {
			add(r)
		}
		switch v := e.(type) {
		case *model.ServiceNetwork:
			for _, l := range [][]string{v.VPCAssociations, v.ServiceAssociations, v.ResourceAssociations, v.Endpoints,
				v.AuthPolicies, v.ResourcePolicies, v.AccessLogs} {
				for _, x := range l {
					add(x)
				}
			}
		case *model.Service:
			for _, l := range [][]string{v.Listeners, v.AuthPolicies, v.ResourcePolicies, v.AccessLogs} {
				for _, x := range l {
					add(x)
				}
			}
		case *model.Listener:
			for _, x := range v.Rules {
				add(x)
			}
		case *model.TargetGroup:
			for _, x := range append(append([]string{}, v.Targets...), v.DynamicSources...) {
				add(x)
			}
		case *model.ResourceConfiguration:
			for _, x := range v.AccessLogs {
				add(x)
			}
		case *model.SecurityGroup:
			for _, r := range m.SecurityGroupRules {
				if r.SecurityGroup.Target == v.ID {
					add(r.ID)
				}
			}
		}
	}
	add(sn.ID)
	// Shares of anything in scope, with their associations.
	for _, sh := range m.ResourceShares {
		for _, r := range sh.Resources {
			if s[r.Target] {
				add(sh.ID)
			}
		}
	}
	for _, a := range m.ShareAssociations {
		if s[a.Share.Target] {
			s[a.ID] = true
		}
	}
	return s
}

// outRefs lists the entities an entity points at that belong in its diagram
// (not the service network of an association: that would pull in every
// network the association's service also joins).
func outRefs(e model.Entity) []string {
	var out []string
	ref := func(rs ...model.Ref) {
		for _, r := range rs {
			out = append(out, r.Target)
		}
	}
	list := func(l model.RefList) {
		for _, r := range l.Items {
			out = append(out, r.Target)
		}
	}
	fwd := func(a model.Action) {
		for _, w := range a.Forward {
			out = append(out, w.TargetGroup.Target)
		}
	}
	switch v := e.(type) {
	case *model.ServiceAssociation:
		ref(v.Service)
	case *model.ResourceAssociation:
		ref(v.ResourceConfiguration)
	case *model.VPCAssociation:
		ref(v.VPC)
		list(v.SecurityGroups)
	case *model.VPCEndpoint:
		ref(v.VPC)
		list(v.SecurityGroups)
	case *model.Listener:
		fwd(v.DefaultAction)
	case *model.ListenerRule:
		fwd(v.Action)
	case *model.TargetGroup:
		ref(v.VPC)
	case *model.Target:
		ref(v.Target)
	case *model.ResourceConfiguration:
		ref(v.Gateway)
	case *model.ResourceGateway:
		ref(v.VPC)
		list(v.SecurityGroups)
	case *model.SecurityGroup:
		ref(v.VPC)
	}
	return out
}
