// Package cloudformation is the CloudFormation front end: it reads YAML and
// JSON templates (plain, SAM and CDK-synthesised), applies the intrinsic
// functions it can decide before deploy, and adds the topology they declare to
// a model.Model. Values it cannot decide stay unknown; it never guesses.
//
// Templates are evaluated lazily and each named condition once, so evaluation
// is linear in template size: Fn::If over an undecidable condition is unknown
// rather than expanded both ways.
package cloudformation

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/safefile"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// Format is the Meta.Format of every entity this front end adds.
const Format = "cloudformation"

// Options configure Parse.
type Options struct {
	// Root anchors model paths (Range.File, Meta.Source): they are relative to
	// it, with forward slashes.
	Root string
	// Params are template parameter values (--cfn-param, --cfn-params), merged.
	Params map[string]string
	// Attribute returns the account, Region and name a template deploys to; it
	// is called with the template's path joined to Root. May be nil.
	Attribute func(path string) config.Attribution
	// Limits bound the read; zero fields take their defaults.
	settings.Limits
	// Tree bounds where a template named through a link may lead and records
	// the templates read (a report is never written over one); may be nil.
	Tree *safefile.Tree
}

// Result is what Parse found besides entities.
type Result struct {
	// Templates are the files recognised as templates (relative paths).
	Templates   []string
	Diagnostics diag.Diagnostics
	// Sources holds the text of each template, by model path (for snippets).
	Sources map[string][]byte
	// Suppressions are the resources' Metadata.lattice-lint.ignore entries.
	Suppressions []suppress.Suppression
}

// candidateExts are the file extensions a template may have.
var candidateExts = []string{".yaml", ".yml", ".json", ".template"}

// IsCandidate reports whether a file name may hold a template; Terraform's
// .tf.json files never do.
func IsCandidate(name string) bool {
	l := strings.ToLower(name)
	if strings.HasSuffix(l, ".tf.json") {
		return false
	}
	for _, e := range candidateExts {
		if strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

// run is the state of one Parse call: every template, so imports resolve
// across stacks.
type run struct {
	opts      Options
	diags     *diag.Diagnostics
	templates []*template
	// exports holds every export by name; export names are unique per
	// account and Region, so one name may have several.
	exports map[string][]*output
	// suppressions are read with each template's resources.
	suppressions []suppress.Suppression
	// bytes counts the string bytes intrinsic functions built (budget.go).
	bytes int64
}

func newRun(opts Options, diags *diag.Diagnostics) *run {
	opts.Limits = opts.Limits.OrDefault()
	return &run{opts: opts, diags: diags, exports: map[string][]*output{}}
}

// Parse reads candidate files, recognises templates by content, silently skips
// other YAML and JSON, and adds the entities the templates declare to m. All
// templates are read before any is evaluated, so Fn::ImportValue resolves to
// the export another template of the same run declares. A bad file yields
// diagnostics and never stops the others.
func Parse(ctx context.Context, files []string, opts Options, m *model.Model) (res Result) {
	r := newRun(opts, &res.Diagnostics)
	defer func() { res.Suppressions = r.suppressions }()
	if !r.load(ctx, files, &res) {
		return res
	}
	r.registerExports()
	for _, t := range r.templates {
		if ctx.Err() != nil {
			res.Diagnostics.Errorf(model.Range{}, "cloudformation: %v", ctx.Err())
			return res
		}
		r.guard(t.path, func() { t.build(m) })
	}
	r.markEscapes(m)
	return res
}

// load reads and recognises every candidate file; false when ctx ended.
func (r *run) load(ctx context.Context, files []string, res *Result) bool {
	maxSize := r.opts.MaxFileSize
	for _, f := range files {
		if ctx.Err() != nil {
			res.Diagnostics.Errorf(model.Range{}, "cloudformation: %v", ctx.Err())
			return false
		}
		if !IsCandidate(f) {
			continue
		}
		rel := r.relPath(f)
		r.guard(rel, func() {
			doc, perr := readDocument(f, rel, maxSize, r.opts.Tree)
			if perr != nil {
				rng := model.Range{File: rel, Start: model.Pos{Line: perr.line, Column: perr.col}, End: model.Pos{Line: perr.line, Column: perr.col}}
				if perr.note {
					res.Diagnostics.Notef(rng, "%s", perr.msg)
				} else {
					res.Diagnostics.Errorf(rng, "%s", perr.msg)
				}
				return
			}
			if doc == nil {
				return
			}
			r.opts.Tree.Record(f)
			r.templates = append(r.templates, r.newTemplate(rel, doc))
			res.Templates = append(res.Templates, rel)
			if res.Sources == nil {
				res.Sources = map[string][]byte{}
			}
			res.Sources[rel] = doc.src
		})
	}
	return true
}

// registerExports indexes every template's exports before anything imports them.
func (r *run) registerExports() {
	for _, t := range r.templates {
		r.guard(t.path, t.registerExports)
	}
}

// guard turns a panic while handling one file into a diagnostic naming it.
func (r *run) guard(file string, f func()) {
	defer func() {
		if p := recover(); p != nil {
			*r.diags = append(*r.diags, diag.Diagnostic{
				Severity: diag.Error, Range: model.Range{File: file},
				Summary: fmt.Sprintf("internal error while reading the template: %v (please report it with the file)", p),
				Detail:  string(debug.Stack()),
			})
		}
	}()
	f()
}

// relPath makes a file path relative to Root, with forward slashes.
func (r *run) relPath(f string) string {
	if r.opts.Root != "" {
		absRoot, err1 := filepath.Abs(r.opts.Root)
		absF, err2 := filepath.Abs(f)
		if err1 == nil && err2 == nil {
			if rel, err := filepath.Rel(absRoot, absF); err == nil && !strings.HasPrefix(rel, "..") {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(f))
}

// attributionPath is the path handed to Options.Attribute.
func (r *run) attributionPath(rel string) string {
	if r.opts.Root == "" || filepath.IsAbs(rel) {
		return filepath.FromSlash(rel)
	}
	return filepath.Join(r.opts.Root, filepath.FromSlash(rel))
}

// registerExports indexes the template's exported outputs by export name.
func (t *template) registerExports() {
	for _, o := range t.outputs {
		if o.export == nil {
			continue
		}
		if o.cond != "" && t.condition(o.cond, o.key) == triFalse {
			continue
		}
		v := t.eval(o.export, o.env)
		if v.k != vScalar {
			continue // a name only known at deploy time (${AWS::StackName}-…) cannot be matched
		}
		if prev := t.run.clash(v.s, t); prev != nil {
			t.errorf(o.export, "export name %q is also exported by %s (output %s); CloudFormation requires export names to be unique per account and Region",
				v.s, prev.t.path, prev.name)
			continue
		}
		t.run.exports[v.s] = append(t.run.exports[v.s], o)
	}
}

// clash returns an export of name that may share t's account and Region:
// the same attribution, or one of the two unknown.
func (r *run) clash(name string, t *template) *output {
	for _, o := range r.exports[name] {
		if mayShare(o.t.account, t.account) && mayShare(o.t.region, t.region) {
			return o
		}
	}
	return nil
}

// mayShare reports whether two attributions may be the same place.
func mayShare(a, b model.Attr[string]) bool {
	return !a.Known || !b.Known || a.Value == b.Value
}

// importValue resolves Fn::ImportValue in t to what the export's value
// resolves to, read in the exporting template. Only an export of the
// importer's account and Region counts; when attribution is unknown and
// several exports may be the one, the import is unknown.
func (r *run) importValue(t *template, name string, rng model.Range) *val {
	var found *output
	for _, o := range r.exports[name] {
		if !mayShare(o.t.account, t.account) || !mayShare(o.t.region, t.region) {
			continue
		}
		if found != nil {
			return unknownAt(rng)
		}
		found = o
	}
	if found == nil {
		return unknownAt(rng)
	}
	found.imported = true
	if found.value == nil {
		return unknownAt(rng)
	}
	return found.resolved().at(rng)
}

// resolved evaluates the output's value once (an import cycle yields unknown).
func (o *output) resolved() *val {
	switch o.state {
	case 1:
		return unknownAt(o.t.rangeOf(o.key))
	case 2:
		return o.v
	}
	o.state = 1
	if o.value == nil {
		o.v = unknownAt(o.t.rangeOf(o.key))
	} else {
		o.v = o.t.eval(o.value, o.env)
	}
	o.state = 2
	return o.v
}
