// Package terraform is the Terraform front end: it reads .tf and .tf.json files,
// evaluates variables, locals, expressions, count and for_each statically, and
// adds what it finds to a topology model. It never runs terraform and never
// reaches a network. Values it cannot know stay unknown.
//
// Modules are expanded like Terraform does: local sources relative to the
// calling module, registry and git sources from the copy `terraform init` left
// in .terraform/modules (modules.json), each instance with its own scope,
// address prefix (module.svc["orders"].), inputs evaluated in the caller's
// scope, outputs read lazily by the caller, and provider configurations mapped
// through `providers`. A module that cannot be read is reported once and stays
// opaque: its outputs are unknown and what is passed into it escapes the model.
//
// References travel as cty marks (refMark) through every expression, module
// boundary and, via terraform_remote_state, SSM parameters and Lattice data
// sources, across roots: all roots are declared before any is built, and every
// value is computed on demand and cached, so the order of roots does not matter.
package terraform

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/safefile"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// Options configure the front end.
type Options struct {
	// Root is the directory paths in the model are made relative to.
	Root string
	// Tree bounds what the inputs may name (module sources, modules.json,
	// file(), templatefile(), links among the files) and records what was
	// read; nil: the tree holding Root.
	Tree *safefile.Tree
	// Attribute gives the account/Region a path deploys to (from the config file).
	Attribute func(path string) config.Attribution
	// Terraform holds the variables and whether modules may leave Root.
	settings.Terraform
	// Limits bound the read; zero fields take their defaults.
	settings.Limits
}

// Result tells what was read.
type Result struct {
	Files       int
	Diagnostics diag.Diagnostics
	// Sources holds the text of every file read, by model path, for snippets.
	Sources map[string][]byte
	// Suppressions are the lattice-lint:ignore comments of the .tf files read.
	Suppressions []suppress.Suppression
}

// loader holds the state of one Load call.
type loader struct {
	ctx     context.Context
	opts    Options
	m       *model.Model
	diags   hcl.Diagnostics
	notes   diag.Diagnostics
	files   int
	sources map[string][]byte
	// suppressions are read once per file, when it is first loaded.
	suppressions []suppress.Suppression
	funcs        map[string]map[string]function.Function
	parsed       map[string]*parsedFile
	decls        map[string]*moduleDecl // module folders read, by cleaned path
	roots        []*rootState

	// entityTypes maps the ID of every resource instance that becomes an
	// entity to its type (aws_x or data.aws_x), recorded when it is expanded.
	entityTypes map[string]string
	// escaped holds IDs of entities whose references leave the model.
	escaped map[string]bool
	// readRemotely holds the roots whose state a terraform_remote_state of
	// the run reads: their outputs stay in the model.
	readRemotely map[*rootState]bool
	// unread holds IDs of entities passed into code the model does not read.
	unread map[string]bool
	// inProgress and stack detect reference cycles across the whole run.
	inProgress map[string]bool
	// cycles counts the cycles found so far: memoised values built while one
	// was cut are not kept.
	cycles int
	// varFiles holds each tfvars file read, by path.
	varFiles map[string]hcl.Attributes
	// argsChecked marks resource declarations whose arguments were checked.
	argsChecked map[*resourceDecl]bool
	// misspelt maps a declaration ("type|range") to the table paths it meant
	// to set under a misspelt name, with where the misspelling is.
	misspelt map[string]map[string]model.Range
	// cidrBlocks are the blocks VPC CIDR block resources add, by VPC entity id.
	cidrBlocks map[string][]model.Attr[string]
	stack      []string
	instances  int             // resource and module instances so far
	reported   map[string]bool // once-per-run diagnostics already given
	index      *runIndex
	// values is the run's value budget (see budget.go).
	values *valueBudget
}

// Load reads the folders holding Terraform files (discovery's dirs), picks the
// roots among them (folders no other folder calls as a local module), reads
// each root with the modules it calls, and adds their entities to m. All roots are declared before any is built, so remote state,
// SSM parameters and Lattice data sources resolve across roots whatever the
// order. A file that does not parse is reported and the rest of the root is
// still read. It never panics: an internal error is reported against the root.
func Load(ctx context.Context, dirs []string, opts Options, m *model.Model) Result {
	l := newLoader(ctx, opts, m)
	l.preParse(dirs)
	return l.build(dirs)
}

// build evaluates what preParse read: it picks the roots, declares them all,
// then builds each root's entities.
func (l *loader) build(dirs []string) Result {
	ctx, m := l.ctx, l.m
	roots := l.chooseRoots(dirs)
	for _, dir := range roots {
		l.guard(dir, func() { l.declareRoot(dir) })
	}
	for _, r := range l.roots {
		if ctx.Err() != nil {
			l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cancelled", Detail: ctx.Err().Error(),
				Subject: &hcl.Range{Filename: r.source}})
			break
		}
		l.guard(r.dir, func() { l.buildScope(r.scope) })
	}
	for _, r := range l.roots {
		if ctx.Err() == nil {
			l.guard(r.dir, func() { l.escapeOutputs(r) })
		}
	}
	l.foldCidrBlocks()
	for id := range l.escaped {
		if e := m.Get(id); e != nil {
			e.Base().Escaped, e.Base().Unread = true, l.unread[id]
		}
	}
	return Result{Files: l.files, Diagnostics: l.convert(), Sources: l.sources, Suppressions: l.suppressions}
}

func newLoader(ctx context.Context, opts Options, m *model.Model) *loader {
	opts.Limits = opts.Limits.OrDefault()
	l := &loader{ctx: ctx, opts: opts, m: m, sources: map[string][]byte{},
		funcs: map[string]map[string]function.Function{}, parsed: map[string]*parsedFile{},
		decls: map[string]*moduleDecl{}, entityTypes: map[string]string{}, escaped: map[string]bool{},
		readRemotely: map[*rootState]bool{}, unread: map[string]bool{},
		inProgress: map[string]bool{}, reported: map[string]bool{}, varFiles: map[string]hcl.Attributes{},
		argsChecked: map[*resourceDecl]bool{}, misspelt: map[string]map[string]model.Range{},
		cidrBlocks: map[string][]model.Attr[string]{}}
	l.values = newValueBudget(l.opts.Limits.Values)
	if l.opts.Tree == nil && opts.Root != "" {
		l.opts.Tree = safefile.NewTree([]string{opts.Root}, opts.ModulesOutsideRoot)
	}
	return l
}

// declareRoot reads a root and gives it a scope; nothing is evaluated yet.
func (l *loader) declareRoot(dir string) {
	decl := l.moduleDecl(dir)
	if decl == nil {
		return
	}
	assign, d := l.rootAssignments(dir)
	l.diags = append(l.diags, d...)
	r := &rootState{dir: dir, abs: decl.absDir, source: l.rel(dir), decl: decl, assign: assign,
		attribution: l.attribution(dir)}
	r.scope = newScope(l, r, decl, "")
	l.roots = append(l.roots, r)
}

// guard runs fn, turning a panic into an error diagnostic against the root.
func (l *loader) guard(dir string, fn func()) {
	defer func() {
		if r := recover(); r != nil {
			l.inProgress, l.stack = map[string]bool{}, nil
			l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Internal error",
				Detail:  fmt.Sprintf("lattice-lint failed while reading this root: %v. Please report it with the file. %s", r, firstFrames(debug.Stack())),
				Subject: &hcl.Range{Filename: l.rel(dir)}})
		}
	}()
	fn()
}

// firstFrames keeps a panic report short: the first lines of the stack.
func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > 12 {
		lines = lines[:12]
	}
	return strings.Join(lines, " | ")
}

func (l *loader) attribution(dir string) config.Attribution {
	if l.opts.Attribute == nil {
		return config.Attribution{}
	}
	return l.opts.Attribute(dir)
}

// budget takes n instances from the run-wide allowance and returns how many
// may be read; the first refusal is reported.
func (l *loader) budget(n int, rng hcl.Range) int {
	limit := l.opts.MaxTotalInstances
	if l.instances+n > limit {
		n = max(limit-l.instances, 0)
		if l.once("total instances") {
			l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many instances in total",
				Detail:  fmt.Sprintf("the run expands to more than %d resource and module instances; from here on, instances are not read and the result is incomplete.", limit),
				Subject: rng.Ptr()})
		}
	}
	l.instances += n
	return n
}

func (l *loader) functionsFor(dir string) map[string]function.Function {
	if f, ok := l.funcs[dir]; ok {
		return f
	}
	absDir, _ := filepath.Abs(dir)
	f := functions(absDir, l.opts.Tree)
	budgeted(f, l.opts.Limits.Values.Value)
	f[iterFuncName] = l.values.iterFunc(l.addDiag)
	for name, fn := range templateFuncs(l.opts.Limits.Values.Value) {
		f[name] = fn
	}
	l.funcs[dir] = f
	return f
}

// rel makes a path relative to the run root, with forward slashes.
func (l *loader) rel(path string) string {
	if l.opts.Root != "" {
		if r, err := filepath.Rel(l.opts.Root, path); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(path)
}

func (l *loader) addDiag(d *hcl.Diagnostic) {
	l.diags = append(l.diags, d)
}

// convert turns HCL diagnostics into ours, dropping exact duplicates (the same
// expression may be evaluated for several instances).
func (l *loader) convert() diag.Diagnostics {
	var out diag.Diagnostics
	seen := map[string]bool{}
	for _, d := range l.diags {
		sev := diag.Error
		switch d.Severity {
		case hcl.DiagWarning:
			sev = diag.Warning
		case hcl.DiagInvalid:
			continue
		}
		rng := model.Range{}
		if d.Subject != nil {
			rng = l.toRange(*d.Subject)
		}
		key := fmt.Sprintf("%s|%s|%s|%s", sev, rng, d.Summary, d.Detail)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, diag.Diagnostic{Severity: sev, Summary: d.Summary, Detail: d.Detail, Range: rng})
	}
	out = append(out, l.notes...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Range.File < out[j].Range.File })
	return out
}

// toRange converts an HCL range (its Filename is already a model path). HCL
// counts columns in grapheme clusters; the model, like SARIF, counts Unicode
// code points, so columns are recounted from the byte offset in the source.
func (l *loader) toRange(r hcl.Range) model.Range {
	src := l.sources[r.Filename]
	return model.Range{File: filepath.ToSlash(r.Filename),
		Start: model.Pos{Line: r.Start.Line, Column: codePointColumn(src, r.Start)},
		End:   model.Pos{Line: r.End.Line, Column: codePointColumn(src, r.End)}}
}

// codePointColumn is the 1-based column of p in code points, or HCL's column
// when the source is not at hand.
func codePointColumn(src []byte, p hcl.Pos) int {
	if src == nil || p.Line == 0 || p.Byte < 0 || p.Byte > len(src) {
		return p.Column
	}
	start := bytes.LastIndexByte(src[:p.Byte], '\n') + 1
	if p.Byte-start+1 == p.Column {
		return p.Column // ASCII up to here: bytes, graphemes and code points agree
	}
	return utf8.RuneCount(src[start:p.Byte]) + 1
}

// foldCidrBlocks adds the blocks of VPC CIDR block resources to their VPCs.
func (l *loader) foldCidrBlocks() {
	ids := make([]string, 0, len(l.cidrBlocks))
	for id := range l.cidrBlocks {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if v, ok := l.m.Get(id).(*model.VPC); ok {
			v.CIDRs.Items = append(v.CIDRs.Items, l.cidrBlocks[id]...)
		}
	}
}
