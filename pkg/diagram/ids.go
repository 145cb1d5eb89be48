package diagram

import (
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/termtext"
)

func errorf(format string, args ...any) error {
	return errors.New("diagram: " + fmt.Sprintf(format, args...))
}

// kindPrefix is the id prefix of a node drawing an entity of the kind. Cluster
// ids use acct_, rg_, vpc_ and outside; edge ids e_; none of them overlap.
var kindPrefix = map[model.Kind]string{
	model.KindServiceNetwork:        "sn",
	model.KindService:               "svc",
	model.KindTargetGroup:           "tg",
	model.KindVPCAssociation:        "snva",
	model.KindVPCEndpoint:           "vpce",
	model.KindResourceConfiguration: "rcfg",
	model.KindResourceGateway:       "rgw",
	model.KindResourceShare:         "ram",
	model.KindListenerRule:          "rule",
	model.KindTarget:                "tgt",
	model.KindInstance:              "inst",
	model.KindLambdaFunction:        "fn",
	model.KindLoadBalancer:          "lb",
	model.KindVPC:                   "vpc",
	model.KindExternal:              "ext",
}

// sanitize keeps [A-Za-z0-9] and folds every other run into one '_', so ids
// survive DOT, SVG, CSS selectors and Mermaid unquoted.
func sanitize(s string) string {
	var b strings.Builder
	under := false
	for _, r := range s {
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
			under = false
			continue
		}
		if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	return strings.TrimRight(b.String(), "_")
}

func shortHash(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%08x", h.Sum32())
}

// shortAddress drops the IaC type from an address: aws_vpclattice_service.orders
// becomes orders, module.a.aws_vpclattice_service.x["k"] becomes module.a.x["k"].
func shortAddress(b *model.Meta) string {
	a := b.Address
	if b.Kind == model.KindExternal {
		return model.ShortID(a)
	}
	if b.Type != "" {
		if i := strings.Index(a, b.Type+"."); i >= 0 && (i == 0 || a[i-1] == '.') {
			a = a[:i] + a[i+len(b.Type)+1:]
		}
	}
	if a == "" {
		a = b.ID
	}
	return a
}

// idTable gives every model entity a stable, unique element id: prefix_address,
// with a hash of the model ID appended when two entities would collide. It is
// computed over the whole model up front so an id never depends on the order
// entities are drawn in or on what a view leaves out.
type idTable map[string]string

func newIDTable(m *model.Model) idTable {
	cand := map[string][]string{}
	for _, e := range m.Entities() {
		b := e.Base()
		p := kindPrefix[b.Kind]
		if p == "" {
			p = "n"
		}
		if x, ok := e.(*model.External); ok {
			if xp := kindPrefix[x.For]; xp != "" {
				p = "ext_" + xp
			}
		}
		c := p + "_" + sanitize(shortAddress(b))
		if c == p+"_" {
			c = p + "_" + shortHash(b.ID)
		}
		cand[c] = append(cand[c], b.ID)
	}
	t := idTable{}
	for c, ids := range cand {
		if len(ids) == 1 {
			t[ids[0]] = c
			continue
		}
		for _, id := range ids {
			t[id] = c + "_" + shortHash(id)
		}
	}
	return t
}

// truncate shortens s to max runes with an ellipsis.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// clean drops control characters and invalid UTF-8 (Graphviz and Mermaid
// reject or misdraw them, and an SVG with them is not XML), and replaces
// bidirectional controls (U+202E would show a name reversed in every format).
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError:
			return '\uFFFD'
		case r < 0x20 || r == 0x7f:
			return ' '
		case termtext.Unsafe(r):
			return '\uFFFD'
		}
		return r
	}, s)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
