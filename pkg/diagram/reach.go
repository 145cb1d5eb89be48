package diagram

import (
	"fmt"
	"slices"
)

// Reach is what one client reaches (diagram --reach), for MarkReach.
type Reach struct {
	// Client is how the client is named in the caption and badges.
	Client string
	// Reached are the model ids of the targets (services and resource
	// configurations) the client reaches and of the entities on their open
	// paths.
	Reached []string
	// Services are the model ids of the targets the client reaches.
	Services []string
	// Blocked maps the model id of each entity that blocks a path to why.
	Blocked map[string]string
	// Unknown maps each target whose answer is unknown to why.
	Unknown map[string]string
	// Total is how many targets were asked about.
	Total int
}

// Reach states of a node, strongest first: a node that blocks some path is
// marked blocked even when other paths through it are open.
const (
	reachBlocked   = "blocked"
	reachUnknown   = "unknown"
	reachReachable = "reachable"
)

// reachFill is the background of a node in each state.
var reachFill = map[string]string{
	reachReachable: "#E6F4EA",
	reachBlocked:   "#FDE7E3",
	reachUnknown:   "#FFF4DE",
}

// MarkReach colours what r.Client reaches and badges where the rest stops.
func (g *Graph) MarkReach(r Reach) {
	in := func(ids []string, set map[string]bool) bool {
		for _, id := range ids {
			if set[id] {
				return true
			}
		}
		return false
	}
	reached := map[string]bool{}
	for _, id := range r.Reached {
		reached[id] = true
	}
	services := map[string]bool{}
	for _, id := range r.Services {
		services[id] = true
	}
	for _, n := range g.Nodes {
		ids := append([]string(nil), n.Entities...)
		for _, row := range n.Rows {
			ids = append(ids, row.Entity)
		}
		var facts []Fact
		for _, id := range sortedKeys(r.Blocked) {
			if slices.Contains(ids, id) {
				n.Reach = reachBlocked
				facts = append(facts, Fact{Text: "✗ blocks " + r.Client + ": " + truncate(r.Blocked[id], 90)})
			}
		}
		for _, id := range sortedKeys(r.Unknown) {
			if slices.Contains(n.Entities, id) {
				if n.Reach == "" {
					n.Reach = reachUnknown
				}
				facts = append(facts, Fact{Text: "? from " + r.Client + ": " + truncate(r.Unknown[id], 90)})
			}
		}
		if n.Reach == "" && in(ids, reached) {
			n.Reach = reachReachable
		}
		if in(n.Entities, services) {
			facts = append(facts, Fact{Text: "✓ reachable from " + r.Client})
		}
		n.Facts = append(facts, n.Facts...)
	}
	g.Summary += fmt.Sprintf(" · from %s: %d reachable, %d blocked, %d unknown", r.Client,
		len(r.Services), r.Total-len(r.Services)-len(r.Unknown), len(r.Unknown))
	g.Legend = append(g.Legend,
		LegendItem{Key: "reach_" + reachReachable, Label: "reachable from " + r.Client},
		LegendItem{Key: "reach_" + reachBlocked, Label: "✗ blocks a path from " + r.Client},
		LegendItem{Key: "reach_" + reachUnknown, Label: "? cannot be decided statically"})
}
