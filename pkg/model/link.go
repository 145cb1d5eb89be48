package model

import (
	"sort"
	"strings"
)

// Link resolves references and fills back-references. Front ends call nothing
// after adding entities; the caller runs Link once over the merged model, so
// references across roots and templates resolve the same way as within one.
//
// It:
//   - resolves literal IDs and ARNs against entities that declare them, and turns
//     the rest into External entities (one per distinct identifier) carrying the
//     account and region an ARN tells;
//   - folds standalone security-group rules and RAM share associations into the
//     groups and shares they belong to;
//   - fills back-references (service → listeners, target group → forwarders …);
//   - collects the accounts the model covers.
func (m *Model) Link() {
	l := linker{m: m, byIdentifier: map[string]string{}, functions: map[string]string{}}
	// A Lambda function is often named by its function_name (Terraform's
	// aws_lambda_function.f.function_name is a known string, CloudFormation's
	// Ref returns the name): a name declared once in the model is that function.
	for _, f := range m.LambdaFunctions {
		if f.Name.Known {
			if _, dup := l.functions[f.Name.Value]; dup {
				l.functions[f.Name.Value] = ""
			} else {
				l.functions[f.Name.Value] = f.ID
			}
		}
	}
	for _, e := range m.Externals {
		if e.Identifier.Known {
			l.byIdentifier[e.Identifier.Value] = e.ID
		}
	}
	for _, v := range m.VPCs {
		if v.Identifier.Known {
			l.byIdentifier[v.Identifier.Value] = v.ID
		}
	}
	// Snapshot: resolving may add externals, whose own refs need no linking.
	for _, e := range append([]Entity(nil), m.order...) {
		refs, literals := refsOf(e)
		for i, r := range refs {
			l.resolve(e, r, literals[i])
		}
	}
	for _, sg := range m.SecurityGroups {
		for i := range sg.Ingress {
			deriveCoverage(&sg.Ingress[i])
		}
		for i := range sg.Egress {
			deriveCoverage(&sg.Egress[i])
		}
	}
	for _, r := range m.SecurityGroupRules {
		deriveCoverage(&r.Rule)
	}
	l.foldRules()
	l.foldShares()
	l.backrefs()
	l.accounts()
}

type linker struct {
	m            *Model
	byIdentifier map[string]string
	// functions maps a Lambda function name declared exactly once to its id ("" when declared twice).
	functions map[string]string
}

// resolve links a reference to its target; literal says whether a literal
// value may be an identifier (else only a symbolic target is checked).
func (l *linker) resolve(owner Entity, r *Ref, literal bool) {
	if r.Target != "" {
		if t := l.m.byID[r.Target]; t != nil {
			tb := t.Base()
			if x, ok := t.(*External); ok {
				r.External = true
				if r.Kind == "" {
					r.Kind = x.For
				}
			} else {
				r.Kind = tb.Kind
			}
			return
		}
		// A dangling symbolic target is a front-end bug; keep it unknown rather than lie.
		r.Target = ""
	}
	if !literal || !r.Literal.Known || r.Literal.Value == "" {
		return
	}
	lit := r.Literal.Value
	if id := l.functions[lit]; id != "" && r.Kind == KindLambdaFunction {
		r.Target = id
		return
	}
	if id, ok := l.byIdentifier[lit]; ok {
		r.Target = id
		_, r.External = l.m.byID[id].(*External)
		return
	}
	kind := KindOfIdentifier(lit)
	if kind == "" {
		kind = r.Kind
	}
	if kind == "" {
		return
	}
	if id := l.uniqueOwned(kind, lit); id != "" {
		r.Target, r.Kind, r.Inferred = id, kind, true
		return
	}
	ext := &External{For: kind, Identifier: Known(lit, r.Range)}
	ext.ID = "external//" + string(kind) + "/" + lit
	ext.Type = "external"
	ext.Address = lit
	ext.Format = owner.Base().Format
	ext.Source = owner.Base().Source
	ext.Range = r.Range
	if a, ok := ParseARN(lit); ok {
		if a.Account != "" {
			ext.Account = Known(a.Account, r.Range)
		}
		if a.Region != "" {
			ext.Region = Known(a.Region, r.Range)
		}
	}
	if err := l.m.Add(ext); err != nil {
		return
	}
	l.byIdentifier[lit] = ext.ID
	r.Target, r.External, r.Kind = ext.ID, true, kind
}

// uniqueOwned matches a literal ARN written in one root to the entity another
// root declares, when that is the only entity of the kind in the ARN's account
// (and Region, where both are known). Declared Lattice entities have computed
// ids, so a literal can never match them exactly; cross-account wiring through
// literal ARNs (or variables holding them) is the common case this serves. Only
// network-level kinds are matched: an account rarely owns more than one service
// network, while services are many and a guess would be a coin toss.
func (l *linker) uniqueOwned(kind Kind, lit string) string {
	if kind != KindServiceNetwork {
		return ""
	}
	a, ok := ParseARN(lit)
	if !ok || !IsAccountID(a.Account) {
		return ""
	}
	found := ""
	for _, sn := range l.m.ServiceNetworks {
		if !Is(sn.Account, a.Account) {
			continue
		}
		if sn.Region.Known && a.Region != "" && sn.Region.Value != a.Region {
			continue
		}
		if found != "" {
			return ""
		}
		found = sn.ID
	}
	return found
}

// foldRules attaches standalone security group rules to their groups. A rule
// whose group is unknown makes every group's rule set possibly incomplete.
func (l *linker) foldRules() {
	orphan := false
	for _, r := range l.m.SecurityGroupRules {
		sg, ok := l.m.byID[r.SecurityGroup.Target].(*SecurityGroup)
		if !ok {
			if !r.SecurityGroup.External {
				orphan = true
			}
			continue
		}
		rule := r.Rule
		rule.Rule = r.ID
		if rule.Direction == "egress" {
			sg.Egress = append(sg.Egress, rule)
		} else {
			sg.Ingress = append(sg.Ingress, rule)
		}
	}
	if orphan {
		for _, sg := range l.m.SecurityGroups {
			sg.RulesKnown = false
		}
	}
}

// foldShares gathers RAM resource and principal associations into their shares.
func (l *linker) foldShares() {
	for _, a := range l.m.ShareAssociations {
		sh, ok := l.m.byID[a.Share.Target].(*ResourceShare)
		if !ok {
			if !a.Share.External && !a.Share.Known() {
				for _, s := range l.m.ResourceShares {
					s.Complete = false
				}
			}
			continue
		}
		if !a.Resource.IsZero() {
			sh.Resources = append(sh.Resources, a.Resource)
		}
		if !a.Principal.Range.IsZero() {
			sh.Principals = append(sh.Principals, a.Principal)
		}
	}
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func (l *linker) backrefs() {
	m := l.m
	get := func(r Ref) Entity {
		if r.Target == "" {
			return nil
		}
		return m.byID[r.Target]
	}
	for _, e := range m.order {
		id := e.Base().ID
		walkRefs(e, func(r *Ref, s *refSite) {
			t := get(*r)
			if t == nil {
				return
			}
			for _, br := range s.backrefs {
				if t.Base().Kind != br.kind {
					continue
				}
				if l := backList(t, br.field); l != nil {
					*l = appendUnique(*l, id)
				}
			}
		})
	}
	for _, ls := range m.Listeners {
		svc, _ := get(ls.Service).(*Service)
		l.forwards(ls.ID, svc, ls.DefaultAction)
	}
	for _, r := range m.ListenerRules {
		ls, _ := get(r.Listener).(*Listener)
		svc, _ := get(r.Service).(*Service)
		if svc == nil && ls != nil {
			svc, _ = get(ls.Service).(*Service)
		}
		l.forwards(r.ID, svc, r.Action)
	}
}

func (l *linker) forwards(from string, svc *Service, a Action) {
	for _, w := range a.Forward {
		tg, ok := l.m.byID[w.TargetGroup.Target].(*TargetGroup)
		if !ok {
			continue
		}
		tg.ForwardedBy = appendUnique(tg.ForwardedBy, from)
		if svc != nil {
			tg.Services = appendUnique(tg.Services, svc.ID)
		}
	}
}

// accounts collects every known owner account, naming the sources attributed to it.
func (l *linker) accounts() {
	for _, e := range l.m.order {
		b := e.Base()
		if b.Kind == KindExternal || !b.Account.Known || !IsAccountID(b.Account.Value) {
			continue
		}
		a := l.m.Accounts[b.Account.Value]
		if a == nil {
			a = &Account{ID: b.Account.Value}
			l.m.Accounts[a.ID] = a
		}
		a.Sources = appendUnique(a.Sources, b.Source)
	}
	for _, a := range l.m.Accounts {
		sort.Strings(a.Sources)
	}
}

// IsLatticePrefixListName reports whether name is the managed prefix list of VPC
// Lattice (IPv4 or IPv6) in some Region.
func IsLatticePrefixListName(name string) bool {
	return strings.HasPrefix(name, "com.amazonaws.") &&
		(strings.HasSuffix(name, ".vpc-lattice"))
}
