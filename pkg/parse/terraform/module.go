package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/lattice-lint/lattice-lint/pkg/safefile"
)

// rootSchema is the top level of a Terraform module. Blocks Terraform knows but
// that do not shape the topology (moved, import, check, removed) are accepted and
// ignored.
var rootSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "terraform"},
		{Type: "provider", LabelNames: []string{"name"}},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "module", LabelNames: []string{"name"}},
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "data", LabelNames: []string{"type", "name"}},
		{Type: "moved"}, {Type: "import"}, {Type: "removed"},
		{Type: "check", LabelNames: []string{"name"}},
		{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	},
}

// variableDecl is a `variable` block.
type variableDecl struct {
	name     string
	typ      cty.Type
	defaults hcl.Expression // may be nil
	hasType  bool
	// optionals are the defaults of optional() object attributes in the type.
	optionals *typeexpr.Defaults
	// nullable false makes a null argument take the default.
	nullable bool
	rng      hcl.Range
	block    *hcl.Block
}

// resourceDecl is a `resource` or `data` block.
type resourceDecl struct {
	data     bool
	typ      string
	name     string
	block    *hcl.Block
	body     hcl.Body
	count    hcl.Expression
	forEach  hcl.Expression
	provider string // "aws" or "aws.alias"
}

func (r *resourceDecl) key() string {
	if r.data {
		return "data." + r.typ + "." + r.name
	}
	return r.typ + "." + r.name
}

// moduleCall is a `module` block.
type moduleCall struct {
	name    string
	block   *hcl.Block
	source  string
	body    hcl.Body
	attrs   hcl.Attributes
	args    hcl.Attributes // input variables: attrs without the meta-arguments
	count   hcl.Expression
	forEach hcl.Expression
	// providers maps the child's provider names to the caller's:
	// providers = { aws = aws.east } gives {"aws": "aws.east"}.
	providers map[string]string
}

// moduleMetaArgs are the arguments of a module block that are not input variables.
var moduleMetaArgs = map[string]bool{"source": true, "version": true, "count": true, "for_each": true,
	"providers": true, "depends_on": true}

// backendDecl is the `backend` block of a root's terraform block: where its
// state lives, so terraform_remote_state readers can be matched to it.
type backendDecl struct {
	typ   string
	attrs map[string]string // literal string arguments
	rng   hcl.Range
}

// providerDecl is a `provider "aws"` block.
type providerDecl struct {
	name  string // aws, aws.alias
	block *hcl.Block
	body  hcl.Body
}

// moduleDecl is everything declared in one module folder.
type moduleDecl struct {
	dir       string
	absDir    string
	backend   *backendDecl
	files     map[string][]byte
	variables map[string]*variableDecl
	locals    map[string]*hcl.Attribute
	outputs   map[string]*hcl.Attribute
	resources map[string]*resourceDecl
	order     []*resourceDecl
	modules   map[string]*moduleCall
	providers map[string]*providerDecl
}

// tfFiles lists the .tf and .tf.json files of a folder, sorted, override files
// included (loadModule merges those last).
func tfFiles(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") {
			continue
		}
		if strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json") {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Strings(out)
	return out, nil
}

// loadModule parses every Terraform file of dir. Files that do not parse are
// reported and skipped; the rest of the module is still read.
func (l *loader) loadModule(dir string) (*moduleDecl, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	files, err := tfFiles(dir)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read folder", Detail: err.Error(),
			Subject: &hcl.Range{Filename: dir}}}
	}
	absDir, _ := filepath.Abs(dir)
	md := &moduleDecl{
		dir: dir, absDir: absDir, files: map[string][]byte{}, variables: map[string]*variableDecl{},
		locals: map[string]*hcl.Attribute{}, outputs: map[string]*hcl.Attribute{},
		resources: map[string]*resourceDecl{}, modules: map[string]*moduleCall{},
		providers: map[string]*providerDecl{},
	}
	// Override files merge into the others after all of them are read.
	sort.SliceStable(files, func(i, j int) bool { return !isOverrideFile(files[i]) && isOverrideFile(files[j]) })
	for _, path := range files {
		pf := l.parseFile(path)
		if pf.readErr != nil {
			diags = append(diags, pf.readErr)
			continue
		}
		diags = append(diags, pf.diags...)
		l.files++
		if pf.file == nil || pf.diags.HasErrors() {
			continue
		}
		name := l.rel(path)
		md.files[name] = pf.src
		if _, seen := l.sources[name]; !seen {
			if body, ok := pf.file.Body.(*hclsyntax.Body); ok {
				l.suppressions = append(l.suppressions, l.readSuppressions(name, pf.src, body)...)
			}
		}
		l.sources[name] = pf.src
		if isOverrideFile(path) {
			diags = append(diags, md.mergeOverride(pf.file.Body)...)
		} else {
			diags = append(diags, md.collect(pf.file.Body)...)
		}
	}
	return md, diags
}

// parsedFile is the outcome of reading and parsing one file.
type parsedFile struct {
	src     []byte
	file    *hcl.File
	diags   hcl.Diagnostics
	readErr *hcl.Diagnostic
}

// parseFile returns the parse of path, from the parallel pre-parse when it ran.
func (l *loader) parseFile(path string) *parsedFile {
	if pf, ok := l.parsed[path]; ok {
		return pf
	}
	pf := l.parseOne(path)
	l.parsed[path] = pf
	return pf
}

func (l *loader) parseOne(path string) *parsedFile {
	pf := &parsedFile{}
	defer recoverParse(pf, l.rel(path))
	pf.src, pf.readErr = l.readFile(path)
	if pf.readErr != nil {
		return pf
	}
	name := l.rel(path)
	if strings.HasSuffix(path, ".json") {
		pf.file, pf.diags = hcljson.Parse(pf.src, name)
	} else {
		pf.file, pf.diags = parseNative(pf.src, name, pieceBytes)
		// Only files with a conditional, a template directive, a for
		// expression or a template of several interpolations need rewriting.
		hasCond := bytes.IndexByte(pf.src, '?') >= 0 || bytes.Contains(pf.src, []byte("%{")) ||
			bytes.Contains(pf.src, []byte("for")) || bytes.Count(pf.src, []byte("${")) >= 2
		if body, ok := pf.file.Body.(*hclsyntax.Body); ok && hasCond && !pf.diags.HasErrors() {
			rewriteConditionals(body)
		}
	}
	return pf
}

// preParse parses every file of the folders discovery found, and of the local
// and installed modules they call, on all cores, one wave of module nesting at a time:
// parsing is the larger share of the front end's time and needs no shared
// state.
func (l *loader) preParse(dirs []string) {
	seen := map[string]bool{}
	var wave []string
	add := func(dir string) {
		dir = filepath.Clean(dir)
		if !seen[dir] && l.opts.Tree.Check(dir) == nil {
			seen[dir] = true
			wave = append(wave, dir)
		}
	}
	for _, r := range dirs {
		// The folders the user gave are read wherever they are.
		if r = filepath.Clean(r); !seen[r] {
			seen[r] = true
			wave = append(wave, r)
		}
		// Modules terraform init installed for this root.
		// Errors are reported when the root reads it (rootState.manifest).
		src, err := l.opts.Tree.ReadFile(filepath.Join(r, ".terraform", "modules", "modules.json"), l.opts.MaxFileSize)
		if err == nil {
			var mf struct{ Modules []struct{ Dir string } }
			if json.Unmarshal(src, &mf) == nil {
				for _, m := range mf.Modules {
					if m.Dir != "" && !filepath.IsAbs(m.Dir) {
						add(filepath.Join(r, filepath.FromSlash(m.Dir)))
					}
				}
			}
		}
	}
	for depth := 0; len(wave) > 0 && depth <= l.opts.MaxModuleDepth; depth++ {
		var paths []string
		for _, d := range wave {
			fs, _ := tfFiles(d)
			paths = append(paths, fs...)
		}
		wave = nil
		for i, pf := range l.parseAll(paths) {
			l.parsed[paths[i]] = pf
			if pf.file == nil {
				continue
			}
			for _, src := range moduleSources(pf.file.Body) {
				if isLocalSource(src) {
					add(filepath.Join(filepath.Dir(paths[i]), filepath.FromSlash(src)))
				}
			}
		}
	}
}

// parseAll parses files in parallel, in order.
func (l *loader) parseAll(paths []string) []*parsedFile {
	results := make([]*parsedFile, len(paths))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = l.parseOne(paths[i])
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// readFile reads a file the inputs name: inside the tree, regular, within the
// configured size limit.
func (l *loader) readFile(path string) ([]byte, *hcl.Diagnostic) {
	return l.read(path, l.opts.Tree.ReadFile)
}

// readUserFile reads a file the user named (--var-file): anywhere, but regular
// and within the size limit.
func (l *loader) readUserFile(path string) ([]byte, *hcl.Diagnostic) {
	return l.read(path, l.opts.Tree.ReadAny)
}

func (l *loader) read(path string, read func(string, int64) ([]byte, error)) ([]byte, *hcl.Diagnostic) {
	at := hcl.Range{Filename: l.rel(path), Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}
	b, err := read(path, l.opts.MaxFileSize)
	var tl *safefile.TooLargeError
	switch {
	case errors.As(err, &tl):
		return nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "File too large",
			Detail:  fmt.Sprintf("%d bytes is over the limit of %d bytes (--max-file-size); not read", tl.Size, tl.Max),
			Subject: &at}
	case err != nil:
		return nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read file", Detail: err.Error(), Subject: &at}
	}
	if d := sourceDiag(l.rel(path), b); d != nil {
		return nil, d
	}
	return b, nil
}

func (md *moduleDecl) collect(body hcl.Body) hcl.Diagnostics {
	content, _, diags := body.PartialContent(rootSchema)
	for _, b := range content.Blocks {
		switch b.Type {
		case "variable":
			diags = append(diags, md.addVariable(b)...)
		case "locals":
			attrs, d := b.Body.JustAttributes()
			diags = append(diags, d...)
			for n, a := range attrs {
				if prev, dup := md.locals[n]; dup {
					diags = append(diags, dupDiag("local value", n, a.NameRange, prev.NameRange))
					continue
				}
				md.locals[n] = a
			}
		case "output":
			attrs, _ := b.Body.JustAttributes()
			if a, ok := attrs["value"]; ok {
				md.outputs[b.Labels[0]] = a
			}
		case "resource", "data":
			diags = append(diags, md.addResource(b)...)
		case "module":
			diags = append(diags, md.addModule(b)...)
		case "provider":
			diags = append(diags, md.addProvider(b)...)
		case "terraform":
			md.addBackend(b)
		}
	}
	return diags
}

var terraformBlockSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "backend", LabelNames: []string{"type"}}, {Type: "cloud"},
}}

// addBackend records the backend of a terraform block. Backend arguments are
// literals in Terraform (no references), so a nil context evaluates them.
func (md *moduleDecl) addBackend(b *hcl.Block) {
	content, _, _ := b.Body.PartialContent(terraformBlockSchema)
	for _, blk := range content.Blocks {
		bd := &backendDecl{typ: blk.Type, attrs: map[string]string{}, rng: blk.DefRange}
		if blk.Type == "backend" {
			bd.typ = blk.Labels[0]
		}
		for n, a := range topAttributes(blk.Body) {
			if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
				bd.attrs[n] = v.AsString()
			}
		}
		md.backend = bd
	}
}

func dupDiag(what, name string, at, prev hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate " + what,
		Detail: fmt.Sprintf("%s %q was already declared at %s.", what, name, prev), Subject: at.Ptr()}
}

var variableSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "type"}, {Name: "default"}, {Name: "nullable"}}}

func (md *moduleDecl) addVariable(b *hcl.Block) hcl.Diagnostics {
	v, diags := newVariableDecl(b)
	if prev, dup := md.variables[v.name]; dup {
		return append(diags, dupDiag("variable", v.name, b.DefRange, prev.rng))
	}
	md.variables[v.name] = v
	return diags
}

func newVariableDecl(b *hcl.Block) (*variableDecl, hcl.Diagnostics) {
	content, _, diags := b.Body.PartialContent(variableSchema)
	v := &variableDecl{name: b.Labels[0], typ: cty.DynamicPseudoType, rng: b.DefRange, nullable: true, block: b}
	if a, ok := content.Attributes["type"]; ok {
		t, defs, d := typeexpr.TypeConstraintWithDefaults(a.Expr)
		diags = append(diags, d...)
		if !d.HasErrors() {
			v.typ, v.hasType, v.optionals = t, true, defs
		}
	}
	if a, ok := content.Attributes["default"]; ok {
		v.defaults = a.Expr
	}
	if a, ok := content.Attributes["nullable"]; ok {
		if nv, d := a.Expr.Value(nil); !d.HasErrors() && nv.Type() == cty.Bool && nv.IsKnown() && !nv.IsNull() {
			v.nullable = nv.True()
		}
	}
	return v, diags
}

var resourceMetaSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "count"}, {Name: "for_each"}, {Name: "provider"},
}}

func (md *moduleDecl) addResource(b *hcl.Block) hcl.Diagnostics {
	r, diags := newResourceDecl(b)
	if prev, dup := md.resources[r.key()]; dup {
		return append(diags, dupDiag(b.Type, r.typ+"."+r.name, b.DefRange, prev.block.DefRange))
	}
	md.resources[r.key()] = r
	md.order = append(md.order, r)
	return diags
}

func newResourceDecl(b *hcl.Block) (*resourceDecl, hcl.Diagnostics) {
	r := &resourceDecl{data: b.Type == "data", typ: b.Labels[0], name: b.Labels[1], block: b, body: b.Body, provider: "aws"}
	content, _, diags := b.Body.PartialContent(resourceMetaSchema)
	if a, ok := content.Attributes["count"]; ok {
		r.count = a.Expr
	}
	if a, ok := content.Attributes["for_each"]; ok {
		r.forEach = a.Expr
	}
	if r.count != nil && r.forEach != nil {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid combination of \"count\" and \"for_each\"",
			Detail: "A resource may have count or for_each, not both.", Subject: r.forEach.Range().Ptr()})
	}
	if a, ok := content.Attributes["provider"]; ok {
		if tr, d := hcl.AbsTraversalForExpr(a.Expr); !d.HasErrors() {
			r.provider = joinTraversal(tr)
		} else {
			diags = append(diags, d...)
		}
	} else if i := strings.IndexByte(r.typ, '_'); i > 0 {
		r.provider = r.typ[:i]
	}
	return r, diags
}

func joinTraversal(tr hcl.Traversal) string {
	var parts []string
	for _, s := range tr {
		switch t := s.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, t.Name)
		case hcl.TraverseAttr:
			parts = append(parts, t.Name)
		}
	}
	return strings.Join(parts, ".")
}

func (md *moduleDecl) addModule(b *hcl.Block) hcl.Diagnostics {
	mc, diags := newModuleCall(b)
	if prev, dup := md.modules[mc.name]; dup {
		return append(diags, dupDiag("module call", mc.name, b.DefRange, prev.block.DefRange))
	}
	md.modules[mc.name] = mc
	return diags
}

func newModuleCall(b *hcl.Block) (*moduleCall, hcl.Diagnostics) {
	attrs, diags := b.Body.JustAttributes()
	mc := &moduleCall{name: b.Labels[0], block: b, body: b.Body, attrs: attrs, args: hcl.Attributes{},
		providers: map[string]string{}}
	for n, a := range attrs {
		if !moduleMetaArgs[n] {
			mc.args[n] = a
		}
	}
	if a, ok := attrs["count"]; ok {
		mc.count = a.Expr
	}
	if a, ok := attrs["for_each"]; ok {
		mc.forEach = a.Expr
	}
	if mc.count != nil && mc.forEach != nil {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid combination of \"count\" and \"for_each\"",
			Detail: "A module call may have count or for_each, not both.", Subject: mc.forEach.Range().Ptr()})
	}
	if a, ok := attrs["providers"]; ok {
		diags = append(diags, mc.readProviders(a)...)
	}
	if a, ok := attrs["source"]; ok {
		v, d := a.Expr.Value(nil)
		if !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			mc.source = v.AsString()
		} else {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid module source",
				Detail: "The module source must be a literal string.", Subject: a.Expr.Range().Ptr()})
		}
	}
	return mc, diags
}

// readProviders reads providers = { aws = aws.east, aws.west = aws }.
func (mc *moduleCall) readProviders(a *hcl.Attribute) hcl.Diagnostics {
	pairs, diags := hcl.ExprMap(a.Expr)
	for _, p := range pairs {
		k, d1 := hcl.AbsTraversalForExpr(p.Key)
		v, d2 := hcl.AbsTraversalForExpr(p.Value)
		if d1.HasErrors() || d2.HasErrors() {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid providers argument",
				Detail: "Each entry must map a provider name to a provider configuration, like aws = aws.east.", Subject: p.Key.Range().Ptr()})
			continue
		}
		mc.providers[joinTraversal(k)] = joinTraversal(v)
	}
	return diags
}

func (md *moduleDecl) addProvider(b *hcl.Block) hcl.Diagnostics {
	name, diags := providerName(b)
	if diags.HasErrors() {
		return diags
	}
	md.providers[name] = &providerDecl{name: name, block: b, body: b.Body}
	return nil
}

// providerName is a provider block's name with its alias: aws, aws.east.
func providerName(b *hcl.Block) (string, hcl.Diagnostics) {
	name := b.Labels[0]
	if a, ok := topAttributes(b.Body)["alias"]; ok {
		v, d := a.Expr.Value(nil)
		if d.HasErrors() || v.Type() != cty.String || !v.IsKnown() {
			return "", hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid provider alias",
				Detail: "The alias must be a literal string.", Subject: a.Expr.Range().Ptr()}}
		}
		name += "." + v.AsString()
	}
	return name, nil
}

// topAttributes returns the attributes directly in a body, whatever its syntax,
// without complaining about nested blocks.
func topAttributes(body hcl.Body) hcl.Attributes {
	if sb, ok := body.(*hclsyntax.Body); ok {
		out := make(hcl.Attributes, len(sb.Attributes))
		for n, a := range sb.Attributes {
			out[n] = a.AsHCLAttribute()
		}
		return out
	}
	attrs, _ := body.JustAttributes()
	return attrs
}

// isLocalSource reports whether a module source is a local path.
func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") || src == "." || src == ".."
}

// moduleSources lists the literal sources of the module blocks of a file.
func moduleSources(body hcl.Body) []string {
	content, _, _ := body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "module", LabelNames: []string{"name"}}}})
	var out []string
	for _, b := range content.Blocks {
		if a, ok := topAttributes(b.Body)["source"]; ok {
			if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
				out = append(out, v.AsString())
			}
		}
	}
	return out
}
