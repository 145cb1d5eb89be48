// Package reach answers "can this client reach that service?" over a linked
// model. The hop facts live in the policy library (policies/lib/reach.rego)
// next to the rules that share them; this package resolves what the user
// typed to entities, evaluates the library's query through the rules engine
// and turns the answer into addresses and source ranges.
package reach

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/rules"
)

// Verdicts.
const (
	Reachable = "reachable"
	Blocked   = "blocked"
	Unknown   = "unknown"
)

// Hop is one step of a path.
type Hop struct {
	Step   string `json:"step"`
	Entity string `json:"entity"` // address (Terraform) or logical id (CloudFormation)
	Status string `json:"status"` // ok, blocked or unknown
	Why    string `json:"why"`
	Range  string `json:"range"` // file:line:column of the entity
	// Rule is the catalogue rule that describes a block ("" when none does).
	Rule string `json:"-"`
	// ID is the model id of the entity.
	ID string `json:"-"`
}

// Path is one way from the client to the target, hop by hop. In JSON it is
// the list of its hops (the answer's paths are lists of hops).
type Path struct {
	Hops []Hop
}

// MarshalJSON writes a path as the list of its hops.
func (p Path) MarshalJSON() ([]byte, error) {
	if p.Hops == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(p.Hops)
}

// Blocker is an entity that blocks some path.
type Blocker struct {
	Entity string `json:"entity"`
	Rule   string `json:"rule"`
	Why    string `json:"why"`
	// ID is the model id of the entity (for callers that mark it, diagrams).
	ID string `json:"-"`
}

// Answer is the reply to one question.
type Answer struct {
	From      string    `json:"-"`
	To        string    `json:"-"`
	ToID      string    `json:"-"` // the target's model id
	Verdict   string    `json:"verdict"`
	Paths     []Path    `json:"paths"`
	BlockedBy []Blocker `json:"blocked_by"`
}

// Question is what the user asks: a client, a target, optionally a port and
// a caller. Request is passed to the policies as input.request (nil: no caller).
type Question struct {
	From, To string // model ids (see Resolve)
	Port     int    // 0: every listener
	Request  map[string]any
}

// Analyzer evaluates questions over one model.
type Analyzer struct {
	m      *model.Model
	answer *rules.Query
	matrix *rules.Query
}

// New prepares the reachability queries on the engine that linted m.
func New(ctx context.Context, e *rules.Engine, m *model.Model) (*Analyzer, error) {
	a, err := e.Prepare(ctx, "x := data.lattice.lib.reach_answer")
	if err != nil {
		return nil, err
	}
	mx, err := e.Prepare(ctx, "x := data.lattice.lib.reach_matrix")
	if err != nil {
		return nil, err
	}
	return &Analyzer{m: m, answer: a, matrix: mx}, nil
}

// wire is the shape the policy library returns.
type wire struct {
	Verdict   string       `json:"verdict"`
	Paths     [][]wireHop  `json:"paths"`
	BlockedBy []wireBlamed `json:"blocked_by"`
}

type wireHop struct {
	Step   string `json:"step"`
	Entity string `json:"entity"`
	Status string `json:"status"`
	Why    string `json:"why"`
	Rule   string `json:"rule"`
}

type wireBlamed struct {
	Entity string `json:"entity"`
	Rule   string `json:"rule"`
	Why    string `json:"why"`
}

// Ask answers one question.
func (a *Analyzer) Ask(ctx context.Context, q Question) (*Answer, error) {
	in := map[string]any{"from": q.From, "to": q.To}
	if q.Port > 0 {
		in["port"] = q.Port
	}
	extra := map[string]any{"reach": in}
	if q.Request != nil {
		extra["request"] = q.Request
	}
	x, err := a.answer.Eval(ctx, a.m, extra)
	if err != nil {
		return nil, fmt.Errorf("reach: %w", err)
	}
	if x == nil {
		return nil, fmt.Errorf("reach: no answer for %s → %s (the policy library has no reach_answer for them)", q.From, q.To)
	}
	var w wire
	if err := decode(x, &w); err != nil {
		return nil, err
	}
	return a.answerOf(q.From, q.To, w), nil
}

func (a *Analyzer) answerOf(from, to string, w wire) *Answer {
	ans := &Answer{From: a.Name(from), To: a.Name(to), ToID: to, Verdict: w.Verdict, Paths: []Path{}, BlockedBy: []Blocker{}}
	for _, p := range w.Paths {
		path := Path{Hops: make([]Hop, 0, len(p))}
		for _, h := range p {
			path.Hops = append(path.Hops, Hop{Step: h.Step, Entity: a.Name(h.Entity), Status: h.Status, Why: h.Why,
				Range: a.rangeOf(h.Entity), Rule: h.Rule, ID: h.Entity})
		}
		ans.Paths = append(ans.Paths, path)
	}
	for _, b := range w.BlockedBy {
		ans.BlockedBy = append(ans.BlockedBy, Blocker{Entity: a.Name(b.Entity), Rule: b.Rule, Why: b.Why, ID: b.Entity})
	}
	return ans
}

// Cell is one verdict of the matrix.
type Cell struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Verdict string `json:"verdict"`
	// FromID and ToID are the model ids.
	FromID string `json:"-"`
	ToID   string `json:"-"`
}

// Matrix answers every client VPC (with an association or a ServiceNetwork
// endpoint) × every service, without a caller.
func (a *Analyzer) Matrix(ctx context.Context) ([]Cell, error) {
	x, err := a.matrix.Eval(ctx, a.m, nil)
	if err != nil {
		return nil, fmt.Errorf("reach: %w", err)
	}
	var w []struct{ From, To, Verdict string }
	if err := decode(x, &w); err != nil {
		return nil, err
	}
	cells := make([]Cell, 0, len(w))
	for _, c := range w {
		cells = append(cells, Cell{From: a.Name(c.From), To: a.Name(c.To), Verdict: c.Verdict, FromID: c.From, ToID: c.To})
	}
	return cells, nil
}

// decode converts the query's JSON-like value into v.
func decode(x any, v any) error {
	b, err := json.Marshal(x)
	if err != nil {
		return fmt.Errorf("reach: encoding the answer: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("reach: the policy library's answer has an unexpected shape: %w", err)
	}
	return nil
}

// Name is how answers call an entity: the way lint messages do (address,
// else id; an external entity by its identifier).
func (a *Analyzer) Name(id string) string {
	e := a.m.Get(id)
	if e == nil {
		return id
	}
	if x, ok := e.(*model.External); ok && x.Identifier.Known {
		return x.Identifier.Value
	}
	if b := e.Base(); b.Address != "" {
		return b.Address
	}
	return id
}

func (a *Analyzer) rangeOf(id string) string {
	e := a.m.Get(id)
	if e == nil || e.Base().Range.IsZero() {
		return ""
	}
	return e.Base().Range.String()
}

// Status is the verdict of a path: blocked outranks unknown, unknown outranks ok.
func (p Path) Status() string {
	st := "ok"
	for _, h := range p.Hops {
		switch h.Status {
		case Blocked:
			return Blocked
		case Unknown:
			st = Unknown
		}
	}
	return st
}

// Unknowns lists the unknown hops of the answer's paths, each once.
func (ans *Answer) Unknowns() []Hop {
	seen := map[string]bool{}
	var out []Hop
	for _, p := range ans.Paths {
		for _, h := range p.Hops {
			k := h.Step + "\x00" + h.Entity + "\x00" + h.Why
			if h.Status == Unknown && !seen[k] {
				seen[k] = true
				out = append(out, h)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Entity < out[j].Entity })
	return out
}

// Conditions lists the conditions ok hops state (auth policies that admit
// only some callers), each once, in path order.
func (ans *Answer) Conditions() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range ans.Paths {
		if p.Status() != "ok" {
			continue
		}
		for _, h := range p.Hops {
			if h.Status == "ok" && strings.HasPrefix(h.Why, "condition: ") && !seen[h.Why] {
				seen[h.Why] = true
				out = append(out, strings.TrimPrefix(h.Why, "condition: "))
			}
		}
	}
	return out
}

// From answers a client's question about every target of the model (every
// service and resource configuration), in id order.
func (a *Analyzer) From(ctx context.Context, client string) ([]*Answer, error) {
	var ids []string
	for _, e := range a.m.Entities() {
		if slices.Contains(TargetKinds, e.Base().Kind) {
			ids = append(ids, e.Base().ID)
		}
	}
	sort.Strings(ids)
	out := make([]*Answer, 0, len(ids))
	for _, id := range ids {
		ans, err := a.Ask(ctx, Question{From: client, To: id})
		if err != nil {
			return nil, err
		}
		out = append(out, ans)
	}
	return out, nil
}
