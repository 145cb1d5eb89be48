// Package terraform is the Terraform front end: it reads .tf and .tf.json files,
// evaluates variables, locals, expressions, count and for_each statically, and
// adds what it finds to a topology model. It never runs terraform and never
// reaches a network. Values it cannot know stay unknown.
package terraform

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// Options configure the front end.
type Options struct {
	// Root is the directory paths in the model are made relative to; file() and
	// templatefile() never read outside it.
	Root string
	// Vars are --var name=value assignments; VarFiles --var-file paths. Both apply
	// to every root that declares the variable.
	Vars     []string
	VarFiles []string
	// Attribute gives the account/Region a path deploys to (from the config file).
	Attribute func(path string) config.Attribution
	// MaxFileSize refuses larger files (0 = no limit).
	MaxFileSize int64
	// MaxInstances bounds count/for_each expansion per resource (0 = 10,000).
	MaxInstances int
}

// Result tells what was read.
type Result struct {
	Files       int
	Diagnostics diag.Diagnostics
	// Sources holds the text of every file read, by model path, for snippets.
	Sources map[string][]byte
}

// loader holds the state of one Load call.
type loader struct {
	ctx     context.Context
	opts    Options
	m       *model.Model
	diags   hcl.Diagnostics
	notes   diag.Diagnostics
	seen    map[string]bool
	files   int
	sources map[string][]byte
	funcs   map[string]map[string]function.Function
	parsed  map[string]*parsedFile
}

// Load reads each root folder and adds its entities to m. A root is read as a
// whole; a file that does not parse is reported and the rest of the root is still
// read. It never panics: an internal error is reported against the root.
func Load(ctx context.Context, roots []string, opts Options, m *model.Model) Result {
	l := &loader{ctx: ctx, opts: opts, m: m, seen: map[string]bool{}, sources: map[string][]byte{},
		funcs: map[string]map[string]function.Function{}, parsed: map[string]*parsedFile{}}
	l.preParse(roots)
	for _, dir := range roots {
		if ctx.Err() != nil {
			l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cancelled", Detail: ctx.Err().Error(),
				Subject: &hcl.Range{Filename: l.rel(dir)}})
			break
		}
		l.loadRoot(dir)
	}
	return Result{Files: l.files, Diagnostics: l.convert(), Sources: l.sources}
}

func (l *loader) loadRoot(dir string) {
	defer func() {
		if r := recover(); r != nil {
			l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Internal error",
				Detail:  fmt.Sprintf("lattice-lint failed while reading this root: %v. Please report it with the file. %s", r, firstFrames(debug.Stack())),
				Subject: &hcl.Range{Filename: l.rel(dir)}})
		}
	}()
	decl, diags := l.loadModule(dir)
	l.diags = append(l.diags, diags...)
	if decl == nil {
		return
	}
	assign, d := l.rootAssignments(dir)
	l.diags = append(l.diags, d...)
	s := newScope(l, decl, l.rel(dir), "")
	s.resolveVariables(assign, nil, nil)
	b := &builder{s: s, l: l, attribution: l.attribution(dir)}
	b.build()
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

func (l *loader) maxInstances() int {
	if l.opts.MaxInstances > 0 {
		return l.opts.MaxInstances
	}
	return 10000
}

func (l *loader) functionsFor(dir string) map[string]function.Function {
	if f, ok := l.funcs[dir]; ok {
		return f
	}
	root := l.opts.Root
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	absDir, _ := filepath.Abs(dir)
	f := functions(absDir, root)
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
			rng = toRange(*d.Subject)
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

// toRange converts an HCL range (its Filename is already a model path).
func toRange(r hcl.Range) model.Range {
	return model.Range{File: filepath.ToSlash(r.Filename),
		Start: model.Pos{Line: r.Start.Line, Column: r.Start.Column},
		End:   model.Pos{Line: r.End.Line, Column: r.End.Column}}
}
