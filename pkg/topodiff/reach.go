package topodiff

import (
	"sort"
)

// Pair is one client → service verdict of a reachability matrix (see
// package reach), named by address so that two revisions compare.
type Pair struct {
	From, To, Verdict string
}

// ReachChange is a client → service pair whose verdict the change moved:
// Before or After is "" when the pair exists on one side only (a client or
// service added or removed).
type ReachChange struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// SetReach records the pairs whose verdict differs between the base's and
// the head's matrices, sorted by client and service.
func (d *Diff) SetReach(base, head []Pair) {
	type key struct{ from, to string }
	was := map[key]string{}
	for _, p := range base {
		was[key{p.From, p.To}] = p.Verdict
	}
	now := map[key]string{}
	for _, p := range head {
		now[key{p.From, p.To}] = p.Verdict
	}
	d.Reach = []ReachChange{}
	for k, v := range now {
		if was[k] != v {
			d.Reach = append(d.Reach, ReachChange{From: k.from, To: k.to, Before: was[k], After: v})
		}
	}
	for k, v := range was {
		if _, ok := now[k]; !ok {
			d.Reach = append(d.Reach, ReachChange{From: k.from, To: k.to, Before: v})
		}
	}
	sort.Slice(d.Reach, func(i, j int) bool {
		a, b := d.Reach[i], d.Reach[j]
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
}

// verdictOr names a side of a pair that does not exist.
func verdictOr(v string) string {
	if v == "" {
		return "(no such pair)"
	}
	return v
}
