package diagram

import (
	"fmt"
	"sort"
	"strings"
)

// Change is how one entity of the drawn model differs from a base revision
// (diagram --diff): Added, or changed in the attributes and relations What.
type Change struct {
	Entity string
	Added  bool
	What   []string
}

// MarkChanges marks what changed since rev on the drawn head topology: a
// badge on every node (and listener row's node) and a tag on every edge and
// container that stands for an added or changed entity, the counts in the
// caption, and a note naming each removed entity, which the head cannot draw.
// Every format shows badges, edge labels and the caption, so the marks need
// no emitter of their own.
func (g *Graph) MarkChanges(rev string, changes []Change, removed []string) {
	by := make(map[string]Change, len(changes))
	for _, c := range changes {
		by[c.Entity] = c
	}
	// pick merges the changes of the entities one element stands for.
	pick := func(ids ...string) (Change, bool) {
		var out Change
		ok := false
		for _, id := range ids {
			if c, hit := by[id]; hit {
				ok = true
				out.Added = out.Added || c.Added
				out.What = append(out.What, c.What...)
			}
		}
		return out, ok
	}
	tag := func(c Change) string {
		if c.Added {
			return "+ added since " + rev
		}
		what := uniq(c.What)
		if len(what) > 3 {
			what = append(what[:3], "…")
		}
		return "~ changed since " + rev + ": " + strings.Join(what, ", ")
	}
	for _, n := range g.Nodes {
		ids := append([]string(nil), n.Entities...)
		for _, r := range n.Rows {
			ids = append(ids, r.Entity)
		}
		if c, ok := pick(ids...); ok {
			n.Facts = append([]Fact{{Text: tag(c)}}, n.Facts...)
		}
	}
	for _, e := range g.Edges {
		if c, ok := pick(e.Entities...); ok {
			e.Label = strings.TrimSpace(e.Label + " " + strings.SplitN(tag(c), ":", 2)[0])
		}
	}
	for _, cl := range g.Clusters {
		if c, ok := pick(cl.Entity); ok && cl.Entity != "" {
			cl.Label += " (" + strings.SplitN(tag(c), ":", 2)[0] + ")"
		}
	}
	added, changed := 0, 0
	for _, c := range changes {
		if c.Added {
			added++
		} else {
			changed++
		}
	}
	g.Summary += fmt.Sprintf(" · since %s: %d added, %d removed, %d changed", rev, added, len(removed), changed)
	for _, r := range removed {
		g.Notes = append(g.Notes, "removed since "+rev+" (not drawn): "+r)
	}
	g.Legend = append(g.Legend, LegendItem{Key: "diff_added", Label: "+ added since " + rev},
		LegendItem{Key: "diff_changed", Label: "~ changed since " + rev})
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
