// Package rules compiles the Rego policies (the embedded ones in package
// policies and any user directories) once, evaluates them over a linked
// model.Model in a few prepared queries run at once, and maps what they deny back to source
// ranges as Findings. The policy contract is in docs/writing-policies.md.
package rules

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/quota"
	"github.com/lattice-lint/lattice-lint/pkg/safefile"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
	"github.com/lattice-lint/lattice-lint/policies"
)

// Options configure NewEngine.
type Options struct {
	// PolicyDirs are user policy directories (--policy); every .rego file below
	// each, except *_test.rego, is loaded next to the built-in policies.
	PolicyDirs []string
	// Timeout bounds one Evaluate call; zero means no limit beyond the caller's context.
	Timeout time.Duration
	// Memory bounds the heap's growth during one Evaluate call; zero means
	// settings.DefaultPolicyMemory.
	Memory int64
	// ValueBytes bounds one value a builtin call builds; zero means
	// settings.DefaultPolicyValueBytes.
	ValueBytes int64
	// ReadFile reads a user policy file; nil reads regular files of at most
	// DefaultMaxPolicySize bytes. The caller bounds where folders named by a
	// configuration may lead (safefile.Tree).
	ReadFile func(path string) ([]byte, error)
	// Config is what the configuration file gives the policies.
	Config ConfigData
	// Parallel is how many groups of rule packages one Evaluate call
	// evaluates at once; zero means one per CPU, at most DefaultParallel.
	Parallel int
}

// groupsPerWorker is how many groups of rule packages each of the parallel
// evaluations takes in turn: more, smaller groups balance the work (a few
// packages cost as much as all others together) at the price of evaluating
// the shared library rules once per group.
const groupsPerWorker = 2

// DefaultParallel caps the groups Evaluate runs at once: each group
// evaluates the shared library rules its packages use again, so past a few
// cores the repeated work outgrows the gain.
const DefaultParallel = 4

// ConfigData is what a configuration file gives the policies besides the
// model: its quota overrides (the policies read the quota table with them
// applied as data.lattice.quotas) and the tag keys the organisation requires
// on VPC Lattice resources (data.lattice.required_tags).
type ConfigData struct {
	Quotas       quota.Overrides
	RequiredTags []string
}

// Empty reports whether c changes nothing from AWS's defaults.
func (c ConfigData) Empty() bool { return c.Quotas.Empty() && len(c.RequiredTags) == 0 }

// DefaultMaxPolicySize bounds a user policy file read without Options.ReadFile.
const DefaultMaxPolicySize = 10 << 20

// Engine holds the compiled policies and the prepared query. It is safe for
// concurrent use: Evaluate shares nothing mutable between calls.
type Engine struct {
	rules      []finding.Rule
	byKey      map[string]*finding.Rule // package segment under lattice.rules → rule
	compiler   *ast.Compiler
	valueBytes int64
	// queries evaluate the deny sets of the rule packages, one group each,
	// concurrently (see parts).
	queries  []rego.PreparedEvalQuery
	parallel int
	timeout  time.Duration
	memory   int64
	// config is the configuration data the query's data document holds;
	// further queries (Prepare) see the same.
	config ConfigData
}

// denyQuery evaluates the deny sets of a group of rule packages, named by
// their segment under lattice.rules.
func denyQuery(keys []string) string {
	quoted := make([]string, len(keys))
	for i, k := range keys {
		quoted[i] = strconv.Quote(k)
	}
	return fmt.Sprintf("x := {p: d | some p in {%s}; d := data.lattice.rules[p].deny}", strings.Join(quoted, ", "))
}

// parts splits the rule packages into n groups of about equal size, dealt in
// turn from the sorted keys so that no group holds a whole category.
func parts(keys []string, n int) [][]string {
	sorted := append([]string(nil), keys...)
	sort.Strings(sorted)
	n = max(min(n, len(sorted)), 1)
	out := make([][]string, n)
	for i, k := range sorted {
		out[i%n] = append(out[i%n], k)
	}
	return out
}

// NewEngine loads, checks and compiles the policies and prepares the query.
// Errors name the policy file and, for compile errors, the line.
func NewEngine(ctx context.Context, opts Options) (*Engine, error) {
	read := opts.ReadFile
	if read == nil {
		read = func(p string) ([]byte, error) { return safefile.ReadFile(p, DefaultMaxPolicySize) }
	}
	p, err := load(uniqueDirs(opts.PolicyDirs), read)
	if err != nil {
		return nil, err
	}
	caps := capabilities()
	schemas, err := inputSchemas()
	if err != nil {
		return nil, err
	}
	if err := checkFields(p.modules); err != nil {
		return nil, err
	}
	for _, m := range p.modules {
		boundBuiltinCalls(m)
	}
	c := ast.NewCompiler().WithCapabilities(caps).WithSchemas(schemas).WithUseTypeCheckAnnotations(true)
	if c.Compile(p.modules); c.Failed() {
		return nil, compileError(c.Errors)
	}
	e := &Engine{rules: sortedRules(p.rules), byKey: p.rules, compiler: c, timeout: opts.Timeout,
		valueBytes: cmp.Or(opts.ValueBytes, settings.DefaultPolicyValueBytes),
		memory:     cmp.Or(opts.Memory, settings.DefaultPolicyMemory), config: opts.Config,
		parallel: cmp.Or(opts.Parallel, min(runtime.GOMAXPROCS(0), DefaultParallel))}
	if e.queries, err = e.prepare(ctx, opts.Config); err != nil {
		return nil, err
	}
	return e, nil
}

// Data is the data document the policies read besides their own packages:
// data.lattice.quotas, the quota table with the configuration's overrides,
// data.lattice.required_tags, the tag keys the configuration requires,
// data.lattice.names, the API model's name rules by collection,
// data.lattice.identifiers, the identifier forms each reference argument
// takes, and data.lattice.labels, how messages call each kind (model.Kinds).
func Data(c ConfigData) map[string]any {
	labels := make(map[string]any, len(model.Kinds))
	for _, k := range model.Kinds {
		labels[string(k.Kind)] = k.Label
	}
	required := make([]any, len(c.RequiredTags))
	for i, k := range c.RequiredTags {
		required[i] = k
	}
	return map[string]any{"lattice": map[string]any{"quotas": quota.Document(c.Quotas), "required_tags": required,
		"names":       schema.NameDocument(),
		"identifiers": schema.IdentifierDocument(), "labels": labels}}
}

// prepare compiles the deny queries of the package groups over the compiled
// policies with the data document of one configuration. Only the queries are
// compiled here.
func (e *Engine) prepare(ctx context.Context, c ConfigData) ([]rego.PreparedEvalQuery, error) {
	keys := make([]string, 0, len(e.byKey))
	for k := range e.byKey {
		keys = append(keys, k)
	}
	store := inmem.NewFromObject(Data(c))
	var qs []rego.PreparedEvalQuery
	for _, group := range parts(keys, e.parallel*groupsPerWorker) {
		q, err := e.prepareQuery(ctx, denyQuery(group), store)
		if err != nil {
			return nil, fmt.Errorf("rules: preparing the policy query: %w", err)
		}
		qs = append(qs, q)
	}
	return qs, nil
}

// prepareQuery compiles one query over the compiled policies, reading data
// from store.
func (e *Engine) prepareQuery(ctx context.Context, query string, store storage.Store) (rego.PreparedEvalQuery, error) {
	return rego.New(append(boundedFunctions(e.valueBytes),
		rego.Query(query),
		rego.Compiler(e.compiler),
		rego.Capabilities(e.compiler.Capabilities()),
		rego.Store(store),
	)...).PrepareForEval(ctx)
}

// WithConfig returns an engine sharing e's compiled policies whose policies
// see the configuration data c (a configuration file's quotas and required
// tags), for callers that reuse one engine across configurations.
func (e *Engine) WithConfig(ctx context.Context, c ConfigData) (*Engine, error) {
	qs, err := e.prepare(ctx, c)
	if err != nil {
		return nil, err
	}
	out := *e
	out.queries, out.config = qs, c
	return &out, nil
}

// inputSchemas is the schema set policies may name in METADATA: schema.input
// is the model (policies/schemas/input.json). A policy that declares
//
//	schemas:
//	  - input: schema.input
//
// is type-checked against it, so a misspelt input key fails to compile.
func inputSchemas() (*ast.SchemaSet, error) {
	var doc any
	if err := util.UnmarshalJSON(policies.InputSchema, &doc); err != nil {
		return nil, fmt.Errorf("rules: the model's JSON Schema: %w", err)
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.MustParseRef("schema.input"), doc)
	return ss, nil
}

// uniqueDirs drops repeated policy directories (the same one from the config
// file and --policy), compared by cleaned absolute path; loading one twice
// would declare each of its packages twice.
func uniqueDirs(dirs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range dirs {
		k, err := filepath.Abs(d)
		if err != nil {
			k = filepath.Clean(d)
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

// deniedBuiltin reports whether policies may not call a builtin: anything that
// reaches the network, the OPA runtime or parses further policy (findings must
// depend on the model alone), and builtins whose result cannot be bounded.
func deniedBuiltin(name string) bool {
	return name == "http.send" || (strings.HasPrefix(name, "net.") && !pureNet[name]) ||
		name == "opa.runtime" || name == "rego.parse_module" || unboundableBuiltin(name)
}

// pureNet are the net.* builtins that only compute on their operands (CIDR
// containment and validity), kept for rules about addresses; net.cidr_expand
// (a /8 is 16 million results) and the DNS lookup stay refused.
var pureNet = map[string]bool{"net.cidr_contains": true, "net.cidr_intersects": true, "net.cidr_is_valid": true}

// capabilities are OPA's builtins minus the denied ones, with no network access.
func capabilities() *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	kept := make([]*ast.Builtin, 0, len(c.Builtins))
	for _, b := range c.Builtins {
		if !deniedBuiltin(b.Name) {
			kept = append(kept, b)
		}
	}
	c.Builtins = append(kept, boundedDecls()...)
	c.AllowNet = []string{}
	return c
}

// compileError turns compiler errors into one error, one line each, explaining
// a denied builtin instead of calling it undefined.
func compileError(errs ast.Errors) error {
	lines := make([]string, 0, len(errs))
	for _, e := range errs {
		msg := unbound(e.Message)
		if name, ok := strings.CutPrefix(msg, "undefined function "); ok && unboundableBuiltin(name) {
			msg = fmt.Sprintf("%s is not allowed in lattice-lint policies (the size of its result cannot be bounded before it is built)", name)
		} else if ok && deniedBuiltin(name) {
			msg = fmt.Sprintf("%s is not allowed in lattice-lint policies (no network, runtime or policy-parsing builtins: results must depend on the model alone)", name)
		}
		loc := "policy"
		if e.Location != nil {
			loc = fmt.Sprintf("%s:%d:%d", e.Location.File, e.Location.Row, e.Location.Col)
		}
		lines = append(lines, loc+": "+msg)
	}
	return fmt.Errorf("rules: compiling policies:\n  %s", strings.Join(lines, "\n  "))
}

// Rules returns the metadata of every loaded rule, sorted by id.
func (e *Engine) Rules() []finding.Rule { return append([]finding.Rule(nil), e.rules...) }

// Evaluate runs every rule over the model and returns the findings, sorted
// and without duplicates. An error means the policies misbehaved (a deny
// object of the wrong shape, an unknown entity) or the time limit passed.
func (e *Engine) Evaluate(ctx context.Context, m *model.Model) ([]finding.Finding, error) {
	if m == nil {
		return nil, errors.New("rules: no model to evaluate")
	}
	input, err := modelInput(m)
	if err != nil {
		return nil, err
	}
	denies, err := e.evalDenies(ctx, input)
	if err != nil {
		return nil, err
	}
	conv := converter{m: m, input: input}
	keys := make([]string, 0, len(denies))
	for k := range denies {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []finding.Finding
	for _, k := range keys {
		r := e.byKey[k]
		if r == nil { // load accepts no such package; never drop findings silently
			return nil, fmt.Errorf("rules: package lattice.rules.%s produced findings but has no rule metadata", k)
		}
		set, ok := denies[k].([]any)
		if !ok {
			return nil, fmt.Errorf("rules: %s (%s): deny must be a set of objects, got %T", r.ID, r.File, denies[k])
		}
		for _, d := range set {
			f, err := conv.finding(r, d)
			if err != nil {
				return nil, fmt.Errorf("rules: %s (%s): %w", r.ID, r.File, err)
			}
			out = append(out, f)
		}
	}
	out = dedupe(out)
	finding.SortFindings(out)
	return out, nil
}

// evalError says why evaluation stopped: a limit, or what the policy did.
func (e *Engine) evalError(ctx context.Context, err error) error {
	if errors.Is(context.Cause(ctx), errHeapLimit) {
		return fmt.Errorf("rules: policy evaluation grew the heap by more than %s (the limit for one evaluation); stopped", byteSize(e.memory))
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && e.timeout > 0 {
		return fmt.Errorf("rules: evaluation exceeded the time limit of %s", e.timeout)
	}
	if te, ok := errors.AsType[*topdown.Error](err); ok && strings.HasPrefix(te.Message, boundedPrefix) {
		at := ""
		if te.Location != nil {
			at = fmt.Sprintf("%s:%d:%d: ", te.Location.File, te.Location.Row, te.Location.Col)
		}
		// The message names the wrapper, then the builtin; keep the latter.
		_, msg, _ := strings.Cut(te.Message, ": ")
		return fmt.Errorf("rules: %s%s", at, msg)
	}
	return fmt.Errorf("rules: evaluating policies: %w", err)
}

// dedupe keeps one finding per rule, entity, attribute and message: the most
// severe, so two deny objects differing only in severity or related entities
// report once.
func dedupe(fs []finding.Finding) []finding.Finding {
	type key struct{ rule, entity, attr, msg string }
	at := map[key]int{}
	out := fs[:0]
	for _, f := range fs {
		k := key{f.RuleID, f.Entity, f.Attribute, f.Message}
		if i, seen := at[k]; seen {
			if f.Severity.Rank() > out[i].Severity.Rank() {
				out[i] = f
			}
			continue
		}
		at[k] = len(out)
		out = append(out, f)
	}
	return out
}
