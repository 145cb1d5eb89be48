// Package topodiff compares two topology models — a pull request's base and
// head — and says what changed, account by account: entities added, removed
// and changed, and for a changed one, which attributes and relations (the
// references it holds: the network an association joins, the service a
// listener belongs to) moved from what to what.
package topodiff

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/fingerprint"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// Entity names one entity of either side.
type Entity struct {
	// ID is the entity's model id in its own model (not written: it names a
	// temporary folder for the base).
	ID      string `json:"-"`
	Kind    string `json:"kind"`
	Address string `json:"address"`
	// Source is the root folder or template, relative to the report root.
	Source string `json:"source"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
}

// Change is one attribute or relation of a changed entity.
type Change struct {
	Attribute string `json:"attribute"`
	Before    string `json:"before"`
	After     string `json:"after"`
}

// Changed is an entity on both sides whose attributes differ.
type Changed struct {
	Entity
	Changes []Change `json:"changes"`
}

// Account is what changed in one account.
type Account struct {
	Account string    `json:"account"`
	Added   []Entity  `json:"added"`
	Removed []Entity  `json:"removed"`
	Changed []Changed `json:"changed"`
}

// Diff is the whole comparison.
type Diff struct {
	Base     string    `json:"base"`
	Accounts []Account `json:"accounts"`
	// Reach lists the client → service pairs whose reachability verdict the
	// change moved (SetReach); empty when none did.
	Reach []ReachChange `json:"reach"`
}

// Counts returns how many entities were added, removed and changed.
func (d *Diff) Counts() (added, removed, changed int) {
	for _, a := range d.Accounts {
		added, removed, changed = added+len(a.Added), removed+len(a.Removed), changed+len(a.Changed)
	}
	return
}

// UnknownAccount groups entities whose account the code does not say.
const UnknownAccount = "(account unknown)"

type side struct {
	entity  Entity
	account string
	attrs   map[string]string // attribute -> canonical JSON, positions and root removed
}

// Compare diffs base against head. Each root is the folder its model's paths
// are relative to: entity ids and references under it are compared relative
// to it, so the base can be read from a temporary export of the revision.
func Compare(base *model.Model, baseRoot string, head *model.Model, headRoot string, rev string) (*Diff, error) {
	b, err := index(base, baseRoot)
	if err != nil {
		return nil, err
	}
	h, err := index(head, headRoot)
	if err != nil {
		return nil, err
	}
	byAccount := map[string]*Account{}
	acct := func(name string) *Account {
		if byAccount[name] == nil {
			byAccount[name] = &Account{Account: name, Added: []Entity{}, Removed: []Entity{}, Changed: []Changed{}}
		}
		return byAccount[name]
	}
	for key, he := range h {
		be, ok := b[key]
		if !ok {
			a := acct(he.account)
			a.Added = append(a.Added, he.entity)
			continue
		}
		if ch := changes(be.attrs, he.attrs); len(ch) > 0 {
			a := acct(he.account)
			a.Changed = append(a.Changed, Changed{Entity: he.entity, Changes: ch})
		}
	}
	for key, be := range b {
		if _, ok := h[key]; !ok {
			a := acct(be.account)
			a.Removed = append(a.Removed, be.entity)
		}
	}
	d := &Diff{Base: rev, Accounts: []Account{}}
	for _, a := range byAccount {
		sortEntities(a.Added)
		sortEntities(a.Removed)
		sort.Slice(a.Changed, func(i, j int) bool { return less(a.Changed[i].Entity, a.Changed[j].Entity) })
		d.Accounts = append(d.Accounts, *a)
	}
	sort.Slice(d.Accounts, func(i, j int) bool { return d.Accounts[i].Account < d.Accounts[j].Account })
	return d, nil
}

func index(m *model.Model, root string) (map[string]side, error) {
	out := map[string]side{}
	if m == nil {
		return out, nil
	}
	prefixes := []string{}
	if root != "" {
		prefixes = append(prefixes, filepath.ToSlash(root)+"/")
	}
	for _, e := range m.Entities() {
		meta := e.Base()
		scope := fingerprint.Scope(meta.ID, root)
		ent := Entity{ID: meta.ID, Kind: string(meta.Kind), Address: meta.Address, Source: scope, File: meta.Range.File, Line: meta.Range.Start.Line}
		account := UnknownAccount
		if meta.Account.Known && meta.Account.Value != "" {
			account = meta.Account.Value
		}
		raw, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("topodiff: %s: %w", meta.ID, err)
		}
		text := string(raw)
		for _, p := range prefixes {
			text = strings.ReplaceAll(text, p, "")
		}
		var fields map[string]any
		if err := json.Unmarshal([]byte(text), &fields); err != nil {
			return nil, fmt.Errorf("topodiff: %s: %w", meta.ID, err)
		}
		attrs := map[string]string{}
		for k, v := range fields {
			switch k {
			case "id", "source", "range", "call_chain", "format", "type":
				continue
			}
			c, _ := json.Marshal(stripPositions(v))
			attrs[k] = string(c)
		}
		out[string(meta.Kind)+" "+scope+"//"+meta.Address] = side{entity: ent, account: account, attrs: attrs}
	}
	return out, nil
}

// stripPositions drops source ranges: moving code is not a topology change.
func stripPositions(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if k == "range" || k == "ranges" {
				continue
			}
			out[k] = stripPositions(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = stripPositions(e)
		}
		return out
	}
	return v
}

func changes(before, after map[string]string) []Change {
	var out []Change
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	for k := range keys {
		if before[k] != after[k] {
			out = append(out, Change{Attribute: k, Before: short(before[k]), After: short(after[k])})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Attribute < out[j].Attribute })
	return out
}

// short makes an attribute's JSON readable in one line: {"value": x} is x.
func short(s string) string {
	if s == "" || s == "null" {
		return "(none)"
	}
	var v map[string]any
	if json.Unmarshal([]byte(s), &v) == nil && len(v) > 0 {
		if t, ok := v["target"].(string); ok {
			s = t // a reference: the entity it points at
		} else if val, ok := v["value"]; ok && len(v) <= 2 {
			b, _ := json.Marshal(val)
			s = string(b)
		} else if v["unknown"] == true && len(v) == 1 {
			s = "(unknown)"
		}
	}
	const max = 160
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return s
}

func sortEntities(es []Entity) { sort.Slice(es, func(i, j int) bool { return less(es[i], es[j]) }) }

func less(a, b Entity) bool {
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	return a.Address < b.Address
}

func (e Entity) where() string {
	if e.File == "" {
		return ""
	}
	if e.Line > 0 {
		return fmt.Sprintf(" (%s:%d)", e.File, e.Line)
	}
	return " (" + e.File + ")"
}

// WriteText writes the diff for a terminal or a CI log.
func (d *Diff) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, a := range d.Accounts {
		fmt.Fprintf(&b, "account %s:\n", a.Account)
		for _, e := range a.Added {
			fmt.Fprintf(&b, "  + %s %s%s\n", e.Kind, e.Address, e.where())
		}
		for _, e := range a.Removed {
			fmt.Fprintf(&b, "  - %s %s (at %s)\n", e.Kind, e.Address, d.Base)
		}
		for _, c := range a.Changed {
			fmt.Fprintf(&b, "  ~ %s %s%s\n", c.Kind, c.Address, c.where())
			for _, ch := range c.Changes {
				fmt.Fprintf(&b, "      %s: %s -> %s\n", ch.Attribute, ch.Before, ch.After)
			}
		}
	}
	if len(d.Reach) > 0 {
		fmt.Fprintf(&b, "reachability:\n")
		for _, r := range d.Reach {
			fmt.Fprintf(&b, "  %s -> %s: %s -> %s\n", r.From, r.To, verdictOr(r.Before), verdictOr(r.After))
		}
	}
	added, removed, changed := d.Counts()
	fmt.Fprintf(&b, "since %s: %d added, %d removed, %d changed; %d client -> service pairs changed reachability\n",
		d.Base, added, removed, changed, len(d.Reach))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the diff as one JSON document.
func (d *Diff) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(d)
}

// WriteMarkdown writes the diff for a pull-request comment; esc escapes text
// from the input.
func (d *Diff) WriteMarkdown(w io.Writer, esc func(string) string) error {
	var b strings.Builder
	added, removed, changed := d.Counts()
	fmt.Fprintf(&b, "### Topology changes since %s\n\n%d added, %d removed, %d changed.\n", esc(d.Base), added, removed, changed)
	for _, a := range d.Accounts {
		fmt.Fprintf(&b, "\n**Account %s**\n\n| | Kind | Address | Change |\n|---|---|---|---|\n", esc(a.Account))
		for _, e := range a.Added {
			fmt.Fprintf(&b, "| added | %s | %s | %s |\n", esc(e.Kind), esc(e.Address), esc(strings.Trim(e.where(), " ()")))
		}
		for _, e := range a.Removed {
			fmt.Fprintf(&b, "| removed | %s | %s | |\n", esc(e.Kind), esc(e.Address))
		}
		for _, c := range a.Changed {
			var parts []string
			for _, ch := range c.Changes {
				parts = append(parts, esc(ch.Attribute+": "+ch.Before+" → "+ch.After))
			}
			fmt.Fprintf(&b, "| changed | %s | %s | %s |\n", esc(c.Kind), esc(c.Address), strings.Join(parts, "<br>"))
		}
	}
	if len(d.Reach) > 0 {
		fmt.Fprintf(&b, "\n**Reachability**\n\n| Client | Service | Before | After |\n|---|---|---|---|\n")
		for _, r := range d.Reach {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", esc(r.From), esc(r.To), esc(verdictOr(r.Before)), esc(verdictOr(r.After)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
