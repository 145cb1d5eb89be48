package native

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/agext/levenshtein"
	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/parse/nesting"
	"github.com/lattice-lint/lattice-lint/pkg/safefile"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// Options configure Parse.
type Options struct {
	// Root anchors model paths: they are relative to it, with forward slashes.
	Root string
	// Attribute returns the account, Region and name a file deploys to (the
	// configuration file); a file's own account and region keys win. May be nil.
	Attribute func(path string) config.Attribution
	// Limits bound the read; zero fields take their defaults.
	settings.Limits
	// Tree bounds where a file named through a link may lead and records what
	// is read; nil allows any path.
	Tree *safefile.Tree
}

// Result is what Parse found besides entities.
type Result struct {
	// Files are the native files read (model paths).
	Files       []string
	Diagnostics diag.Diagnostics
	// Sources holds the text of each file, by model path (for snippets).
	Sources map[string][]byte
	// Organizations are the organization ids accounts: sections give, by
	// account id.
	Organizations map[string]string
	// AccountNames are the names accounts: sections give, by account id; the
	// caller applies them after Link, which creates the accounts.
	AccountNames map[string]string
	// Suppressions are the entities' ignore entries.
	Suppressions []suppress.Suppression
}

// Budgets of one document, on top of the file size: nodes visited with
// aliases expanded (an alias bomb is refused, not expanded) and nesting.
const (
	maxVisits = 1_000_000
	maxDepth  = nesting.DefaultMax
)

// sniffRE finds the version key of a native file in its head.
var sniffRE = regexp.MustCompile(`(?m)^apiVersion:[ \t]*["']?lattice-lint/`)

// sniffSize is how much of a file Sniff reads.
const sniffSize = 8 << 10

// Sniff reports whether a file's head declares a native document; other YAML
// (CloudFormation, Kubernetes, CI) never does.
func Sniff(head []byte) bool { return sniffRE.Match(head) }

// SniffFile reads the head of path and reports whether it is a native file.
// Only regular files are opened (a FIFO named x.yaml would block).
func SniffFile(path string) bool {
	f, _, err := safefile.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, sniffSize))
	return Sniff(head)
}

// Parse reads native files and adds their entities to m. All files are read
// before references are resolved, so `account/kind/name` references work
// across files in any order. A file with errors adds nothing: a half-read
// topology would make rules report on what is missing only from the model.
func Parse(ctx context.Context, files []string, opts Options, m *model.Model) Result {
	opts.Limits = opts.Limits.OrDefault()
	res := Result{Sources: map[string][]byte{}, AccountNames: map[string]string{}, Organizations: map[string]string{}}
	r := &reader{opts: opts, global: map[string]*entity{}}
	var docs []*document
	for _, f := range files {
		if ctx.Err() != nil {
			res.Diagnostics.Errorf(model.Range{}, "native: %v", ctx.Err())
			return res
		}
		rel := relPath(opts.Root, f)
		src, err := opts.Tree.ReadFile(f, opts.MaxFileSize)
		if err != nil {
			res.Diagnostics.Errorf(model.Range{File: rel}, "%v", err)
			continue
		}
		res.Files = append(res.Files, rel)
		res.Sources[rel] = src
		d := r.read(f, rel, src)
		res.Diagnostics = append(res.Diagnostics, d.diags...)
		docs = append(docs, d)
	}
	for _, d := range docs {
		r.resolve(d)
	}
	for _, d := range docs {
		for _, in := range d.inherits {
			if in.child.IsZero() {
				*in.child = *in.parent
			}
		}
	}
	for _, d := range docs {
		res.Diagnostics = append(res.Diagnostics, d.refDiags...)
		if d.failed() {
			continue
		}
		res.Suppressions = append(res.Suppressions, d.suppressions...)
		for id, name := range d.accountNames {
			res.AccountNames[id] = name
		}
		for id, org := range d.organizations {
			res.Organizations[id] = org
		}
		for _, e := range d.entities {
			if err := m.Add(e.e); err != nil {
				res.Diagnostics.Errorf(e.rng, "%v", err)
			}
		}
	}
	return res
}

// reader holds the state of one Parse call.
type reader struct {
	opts Options
	// global indexes entities by "account/kind/handle" for references across files.
	global map[string]*entity
}

// document is one native file being read.
type document struct {
	rel          string
	diags        diag.Diagnostics
	refDiags     diag.Diagnostics
	entities     []*entity
	byHandle     map[string][]*entity
	pending      []pendingRef
	inherits     []inheritRef
	accountNames map[string]string
	// organizations are the organization ids of accounts, by account id.
	organizations map[string]string
	suppressions  []suppress.Suppression
	visits        int
}

func (d *document) failed() bool { return d.diags.HasErrors() || d.refDiags.HasErrors() }

// entity is a declared entity and its handle.
type entity struct {
	e      model.Entity
	kind   model.Kind
	handle string
	rng    model.Range
	coll   *collection
}

func (e *entity) plan() *plan { return e.coll.plan }

// inheritRef is a reference an inline entry takes from its parent once
// references are resolved (a rule written under a listener has its service).
type inheritRef struct{ child, parent *model.Ref }

// pendingRef is a reference written by name, resolved once every file is read.
type pendingRef struct {
	ref  *model.Ref
	text string
	kind model.Kind
}

func (d *document) errorf(n *yaml.Node, format string, args ...any) {
	d.diags.Errorf(d.rangeOf(n), format, args...)
}

func (d *document) rangeOf(n *yaml.Node) model.Range {
	if n == nil {
		return model.Range{File: d.rel}
	}
	start := model.Pos{Line: n.Line, Column: n.Column}
	end := start
	if n.Kind == yaml.ScalarNode {
		end.Column += len([]rune(n.Value))
	} else {
		end = lastPos(n, start, 0)
	}
	return model.Range{File: d.rel, Start: start, End: end}
}

// lastPos is the position after the last scalar under n (an entity's range
// spans its whole mapping).
func lastPos(n *yaml.Node, p model.Pos, depth int) model.Pos {
	if depth > maxDepth {
		return p
	}
	if n.Kind == yaml.ScalarNode {
		e := model.Pos{Line: n.Line, Column: n.Column + len([]rune(n.Value))}
		if e.Line > p.Line || (e.Line == p.Line && e.Column > p.Column) {
			return e
		}
		return p
	}
	for _, c := range n.Content {
		p = lastPos(c, p, depth+1)
	}
	return p
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// read decodes one file into entities; errors are positioned diagnostics.
func (r *reader) read(path, rel string, src []byte) *document {
	d := &document{rel: rel, byHandle: map[string][]*entity{}, accountNames: map[string]string{}}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&root); err != nil {
		line := 0
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		d.diags.Errorf(model.Range{File: rel, Start: model.Pos{Line: line, Column: 1}, End: model.Pos{Line: line, Column: 1}},
			"invalid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		return d
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		d.diags.Errorf(model.Range{File: rel}, "a native file holds one YAML document; this one holds more")
		return d
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if !d.checkBudget(doc, 0) {
		return d
	}
	if doc.Kind != yaml.MappingNode {
		d.errorf(doc, "a native file is a mapping with apiVersion: %s and kind: %s", APIVersion, DocKind)
		return d
	}
	top := d.mapping(doc, append([]string{keyAPIVersion, keyKind, keyAccount, keyRegion, keyAccounts}, collectionNames()...))
	if v := top[keyAPIVersion]; v == nil || v.Value != APIVersion {
		d.errorf(orNode(v, doc), "apiVersion must be %s (the version this lattice-lint reads)", APIVersion)
		return d
	}
	if v := top[keyKind]; v == nil || v.Value != DocKind {
		d.errorf(orNode(top[keyKind], doc), "kind must be %s", DocKind)
		return d
	}
	attr := config.Attribution{}
	if r.opts.Attribute != nil {
		attr = r.opts.Attribute(path)
	}
	fileAccount := d.scope(top[keyAccount], attr.Account, true)
	fileRegion := d.scope(top[keyRegion], attr.Region, false)
	if n := top[keyAccounts]; n != nil {
		d.accounts(n)
	}
	for _, c := range collections {
		n := top[c.info.Collection]
		if n == nil {
			continue
		}
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "%s: want a list of %ss", c.info.Collection, c.info.Label)
			continue
		}
		for i, item := range n.Content {
			d.entity(r, c, i, item, fileAccount, fileRegion, nil)
		}
	}
	return d
}

func orNode(n, fallback *yaml.Node) *yaml.Node {
	if n != nil {
		return n
	}
	return fallback
}

// checkBudget refuses documents that nest too deeply or expand, through
// aliases, into too many nodes; the walks below then need no guard.
func (d *document) checkBudget(n *yaml.Node, depth int) bool {
	d.visits++
	switch {
	case depth > maxDepth:
		d.errorf(n, "nested more than %d levels deep; not read", maxDepth)
		return false
	case d.visits > maxVisits:
		d.errorf(n, "more than %d nodes once aliases are expanded; not read", maxVisits)
		return false
	}
	if n.Kind == yaml.AliasNode {
		return n.Alias == nil || d.checkBudget(n.Alias, depth+1)
	}
	for _, c := range n.Content {
		if !d.checkBudget(c, depth+1) {
			return false
		}
	}
	return true
}

// deref follows an alias to its anchor.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// mapping reads a mapping's keys, reporting unknown and repeated keys with a
// suggestion. It returns the value node of each known key.
func (d *document) mapping(n *yaml.Node, allowed []string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "want a mapping")
		return out
	}
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "a key must be a plain name")
			continue
		}
		if k.Value == "<<" {
			d.errorf(k, "merge keys (<<) are not supported in native files; write the keys out")
			continue
		}
		if !ok[k.Value] {
			msg := fmt.Sprintf("unknown key %q", k.Value)
			if s := suggest(k.Value, allowed); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			d.errorf(k, "%s", msg)
			continue
		}
		if _, dup := out[k.Value]; dup {
			d.errorf(k, "key %q is repeated", k.Value)
			continue
		}
		out[k.Value] = deref(v)
	}
	return out
}

// suggest returns the closest candidate within a small edit distance, or "".
func suggest(name string, candidates []string) string {
	best, bestD := "", 4
	for _, c := range candidates {
		if d := levenshtein.Distance(name, c, nil); d < bestD || (d == bestD && best != "" && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

// scope reads a file-level (or entity-level) account or region.
func (d *document) scope(n *yaml.Node, fallback string, account bool) model.Attr[string] {
	if n == nil {
		if fallback == "" {
			return model.Attr[string]{}
		}
		return model.Known(fallback, model.Range{File: d.rel})
	}
	if n.Tag == tagUnknown {
		return model.Unknown[string](d.rangeOf(n))
	}
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		d.errorf(n, "want a string")
		return model.Attr[string]{}
	}
	if account && !model.IsAccountID(n.Value) {
		d.errorf(n, "account %q is not a 12-digit AWS account id (quote it so YAML keeps its leading zeros)", n.Value)
	}
	return model.Known(n.Value, d.rangeOf(n))
}

func (d *document) accounts(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "accounts: want a list of {id, name, organization}")
		return
	}
	for _, item := range n.Content {
		kv := d.mapping(item, []string{keyID, "name", keyOrganization})
		id := d.scope(kv[keyID], "", true)
		if kv[keyID] == nil {
			d.errorf(item, "an account needs an id")
			continue
		}
		if name := kv["name"]; name != nil && id.Known {
			d.accountNames[id.Value] = name.Value
		}
		if org := kv[keyOrganization]; org != nil {
			if org.Kind != yaml.ScalarNode || !organizationID.MatchString(org.Value) {
				d.errorf(org, "organization: want an AWS Organizations id (o- and 10 to 32 lower-case letters or digits)")
			} else if id.Known {
				if d.organizations == nil {
					d.organizations = map[string]string{}
				}
				d.organizations[id.Value] = org.Value
			}
		}
	}
}

// inlined is where an entry written inline sits: its parent and the list.
type inlined struct {
	parent *entity
	il     inline
}

// entity reads one item of a collection, or of an inline list when in is set.
func (d *document) entity(r *reader, c *collection, i int, n *yaml.Node, account, region model.Attr[string], in *inlined) {
	n = deref(n)
	allowed := append([]string{}, metaKeys...)
	for _, k := range c.plan.keys() {
		if in == nil || k != in.il.parentKey { // an inline entry's parent is where it is written
			allowed = append(allowed, k)
		}
	}
	for _, il := range inlines[c.info.Kind] {
		allowed = append(allowed, il.key)
	}
	kv := d.mapping(n, allowed)
	if n.Kind != yaml.MappingNode {
		return
	}
	e := c.info.New()
	b := e.Base()
	rng := d.rangeOf(n)
	handle := ""
	if h := kv[keyID]; h != nil {
		if h.Kind != yaml.ScalarNode || h.Value == "" || h.Tag == tagUnknown {
			d.errorf(h, "id: want a name")
		} else {
			handle = h.Value
		}
	} else if nm := kv["name"]; nm != nil && nm.Kind == yaml.ScalarNode && nm.Tag != tagUnknown && nm.Value != "" {
		handle = nm.Value
	} else if nm := kv["function_name"]; nm != nil && nm.Kind == yaml.ScalarNode && nm.Tag != tagUnknown {
		handle = nm.Value
	}
	address := handle
	switch {
	case address == "" && in != nil:
		address = fmt.Sprintf("%s.%s[%d]", in.parent.e.Base().Address, in.il.key, i)
	case address == "":
		address = fmt.Sprintf("%s[%d]", c.info.Collection, i)
	}
	// Kinds have separate namespaces in a file (a service and its target
	// group may share a name), so the kind is part of the id.
	b.ID = d.rel + "//" + string(c.info.Kind) + "/" + address
	b.Type = string(c.info.Kind)
	b.Address = address
	b.Format = Format
	b.Source = d.rel
	b.Range = rng
	b.Account = account
	if kv[keyAccount] != nil {
		b.Account = d.scope(kv[keyAccount], "", true)
	}
	b.Region = region
	if kv[keyRegion] != nil {
		b.Region = d.scope(kv[keyRegion], "", false)
	}
	if t := kv[keyTags]; t != nil {
		b.Tags = d.tags(t)
	}
	b.Escaped = d.flag(kv[keyEscaped], false)
	b.Conditional = d.flag(kv[keyConditional], false)
	tab := schema.ByKind(c.info.Kind)
	d.fill(reflect.ValueOf(e).Elem(), c.plan, kv, rng, fieldCtx{tab: tab})
	if in != nil {
		pb := in.parent.e.Base()
		ev := reflect.ValueOf(e).Elem()
		ev.FieldByIndex(c.plan.byKey[in.il.parentKey].index).Set(reflect.ValueOf(model.Ref{Target: pb.ID, Kind: pb.Kind, Range: rng}))
		if k := in.il.inherit; k != "" && ev.FieldByIndex(c.plan.byKey[k].index).Interface().(model.Ref).IsZero() {
			d.inherits = append(d.inherits, inheritRef{
				child:  ev.FieldByIndex(c.plan.byKey[k].index).Addr().Interface().(*model.Ref),
				parent: reflect.ValueOf(in.parent.e).Elem().FieldByIndex(in.parent.plan().byKey[k].index).Addr().Interface().(*model.Ref)})
		}
	}
	if tab != nil {
		// What the file leaves out is what AWS does: the field table's defaults.
		tab.ApplyDefaults(schema.YAML, e, func(*schema.Field) model.Range { return rng })
	}
	if ig := kv[keyIgnore]; ig != nil {
		d.ignore(ig, b, rng)
	}

	ent := &entity{e: e, kind: c.info.Kind, handle: handle, rng: rng, coll: c}
	if handle != "" {
		for _, o := range d.byHandle[handle] {
			if o.kind == ent.kind {
				d.errorf(orNode(kv[keyID], n), "%s %q is declared twice in this file (first at line %d)", c.info.Label, handle, o.rng.Start.Line)
				return
			}
		}
		d.byHandle[handle] = append(d.byHandle[handle], ent)
		if b.Account.Known {
			key := b.Account.Value + "/" + string(ent.kind) + "/" + handle
			if o := r.global[key]; o != nil {
				d.errorf(orNode(kv[keyID], n), "%s %q of account %s is also declared at %s", c.info.Label, handle, b.Account.Value, o.rng)
				return
			}
			r.global[key] = ent
		}
	}
	d.entities = append(d.entities, ent)
	for _, il := range inlines[c.info.Kind] {
		list := kv[il.key]
		if list == nil {
			continue
		}
		if list.Kind != yaml.SequenceNode {
			d.errorf(list, "%s: want a list of %ss", il.key, il.child.info.Label)
			continue
		}
		for j, item := range list.Content {
			d.entity(r, il.child, j, item, b.Account, b.Region, &inlined{parent: ent, il: il})
		}
	}
}

// ignore reads an entity's suppressions: a list of {id, reason, until}, the
// same entries as a CloudFormation resource's Metadata.lattice-lint.ignore.
func (d *document) ignore(n *yaml.Node, b *model.Meta, rng model.Range) {
	base := suppress.Suppression{Scope: suppress.Entity, Entity: b.ID, Address: b.Address, Target: rng, Range: d.rangeOf(n)}
	if n.Kind != yaml.SequenceNode {
		base.Problems = []string{"ignore must be a list of {id, reason, until}"}
		d.suppressions = append(d.suppressions, base)
		return
	}
	for _, item := range n.Content {
		s := base
		s.Range = d.rangeOf(deref(item))
		d.suppressions = append(d.suppressions, suppress.FromEntry(item, s))
	}
}

func (d *document) tags(n *yaml.Node) map[string]string {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "tags: want a mapping of names to values")
		return nil
	}
	out := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode {
			d.errorf(k, "tags: want a mapping of names to values")
			continue
		}
		out[k.Value] = v.Value
	}
	return out
}

func (d *document) flag(n *yaml.Node, def bool) bool {
	if n == nil {
		return def
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		d.errorf(n, "want true or false")
		return def
	}
	return n.Value == "true"
}

// fill sets the fields of struct v from a mapping's values. Omitted lists of
// nested objects and of references are empty, as the other front ends leave
// them; omitted attributes stay absent.
// fieldCtx locates a nested object in the kind's field table: its model path
// prefix (default_action.forward[].).
type fieldCtx struct {
	tab    *schema.Resource
	prefix string
}

func (c fieldCtx) row(key string) *schema.Field {
	if c.tab == nil {
		return nil
	}
	return c.tab.Field(c.prefix + key)
}

func (d *document) fill(v reflect.Value, p *plan, kv map[string]*yaml.Node, rng model.Range, fc fieldCtx) {
	if rf := v.FieldByName("Range"); rf.IsValid() && rf.Type() == rangeT {
		rf.Set(reflect.ValueOf(rng))
	}
	if p.present != nil {
		v.FieldByIndex(p.present).SetBool(true)
	}
	for i := range p.fields {
		f := &p.fields[i]
		fv := v.FieldByIndex(f.index)
		n := kv[f.key]
		if n == nil {
			switch f.kind {
			case vRefs, vStrings, vStructs:
				fv.Set(reflect.MakeSlice(fv.Type(), 0, 0))
			case vFlag:
				fv.SetBool(true) // rules_known, complete: what the file says is all there is
			}
			continue
		}
		d.value(fv, f, n, fc)
	}
}

// value decodes one field.
func (d *document) value(fv reflect.Value, f *field, n *yaml.Node, fc fieldCtx) {
	rng := d.rangeOf(n)
	if n.Tag == tagUnknown {
		switch f.kind {
		case vString, vInt, vBool, vAny:
			fv.FieldByName("Range").Set(reflect.ValueOf(rng))
		case vRef:
			fv.Set(reflect.ValueOf(model.Ref{Kind: f.refKind, Range: rng}))
		case vRefList:
			fv.Set(reflect.ValueOf(model.RefList{Range: rng}))
		case vStringList:
			fv.Set(reflect.ValueOf(model.StringList{Range: rng}))
		default:
			d.errorf(n, "%s: %s is not allowed here", f.key, tagUnknown)
		}
		return
	}
	def := n.Tag == tagDefault
	switch f.kind {
	case vString:
		if s, ok := d.scalar(f.key, n); ok {
			// Values AWS rejects before creating anything are input errors,
			// case-sensitive as AWS is, with the message every front end gives.
			if row := fc.row(f.key); row != nil {
				if msg := row.CheckEnum(s); msg != "" {
					d.errorf(n, "%s: %s", f.key, msg)
					return
				}
			}
			fv.Set(reflect.ValueOf(model.Attr[string]{Value: s, Known: true, Default: def, Range: rng}))
		}
	case vInt:
		if x, ok := d.integer(f.key, n); ok {
			fv.Set(reflect.ValueOf(model.Attr[int]{Value: x, Known: true, Default: def, Range: rng}))
		}
	case vBool:
		if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!bool" && !(def && (n.Value == "true" || n.Value == "false"))) {
			d.errorf(n, "%s: want true or false", f.key)
			return
		}
		fv.Set(reflect.ValueOf(model.Attr[bool]{Value: n.Value == "true", Known: true, Default: def, Range: rng}))
	case vAny:
		fv.Set(reflect.ValueOf(model.Attr[any]{Value: toAny(n), Known: true, Default: def, Range: rng}))
	case vText:
		if s, ok := d.scalar(f.key, n); ok {
			fv.SetString(s)
		}
	case vFlag:
		fv.SetBool(d.flag(n, true))
	case vRef:
		fv.Set(reflect.ValueOf(d.ref(f, n)))
		d.track(fv, f)
	case vRefList, vStringList, vRefs, vStrings:
		d.list(fv, f, n, rng)
	case vStruct:
		kv := d.mapping(n, f.sub.keys())
		d.fill(fv, f.sub, kv, rng, fieldCtx{tab: fc.tab, prefix: fc.prefix + f.key + "."})
	case vStructs:
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "%s: want a list", f.key)
			return
		}
		s := reflect.MakeSlice(fv.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			item = deref(item)
			kv := d.mapping(item, f.sub.keys())
			d.fill(s.Index(i), f.sub, kv, d.rangeOf(item), fieldCtx{tab: fc.tab, prefix: fc.prefix + f.key + "[]."})
		}
		// References inside were recorded against the items; Set shares
		// their backing array, so those pointers stay valid.
		fv.Set(s)
	}
}

// list decodes the list kinds.
func (d *document) list(fv reflect.Value, f *field, n *yaml.Node, rng model.Range) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s: want a list", f.key)
		return
	}
	switch f.kind {
	case vRefList, vRefs:
		items := make([]model.Ref, 0, len(n.Content))
		for _, it := range n.Content {
			items = append(items, d.ref(f, deref(it)))
		}
		if f.kind == vRefList {
			fv.Set(reflect.ValueOf(model.RefList{Known: true, Items: items, Range: rng}))
			items = fv.Addr().Interface().(*model.RefList).Items
		} else {
			fv.Set(reflect.ValueOf(items))
		}
		for i := range items {
			d.pendingFor(&items[i], f.refKind)
		}
	default:
		items := make([]model.Attr[string], 0, len(n.Content))
		for _, it := range n.Content {
			it = deref(it)
			if it.Tag == tagUnknown {
				items = append(items, model.Unknown[string](d.rangeOf(it)))
				continue
			}
			if s, ok := d.scalar(f.key, it); ok {
				items = append(items, model.Known(s, d.rangeOf(it)))
			}
		}
		if f.kind == vStringList {
			fv.Set(reflect.ValueOf(model.StringList{Known: true, Items: items, Range: rng}))
		} else {
			fv.Set(reflect.ValueOf(items))
		}
	}
}

func (d *document) scalar(key string, n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		d.errorf(n, "%s: want a string (write %s for a value the source cannot know)", key, tagUnknown)
		return "", false
	}
	return n.Value, true
}

func (d *document) integer(key string, n *yaml.Node) (int, bool) {
	if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.Tag == tagDefault) {
		if x, err := strconv.Atoi(n.Value); err == nil {
			return x, true
		}
	}
	d.errorf(n, "%s: want an integer, not %q", key, n.Value)
	return 0, false
}

// ref reads a reference: an ARN or AWS id is a literal Link resolves; any
// other text names an entity (in this file, or account/kind/name in any
// native file of the run) and is resolved after every file is read.
func (d *document) ref(f *field, n *yaml.Node) model.Ref {
	rng := d.rangeOf(n)
	if n.Tag == tagUnknown {
		return model.Ref{Kind: f.refKind, Range: rng}
	}
	s, ok := d.scalar(f.key, n)
	if !ok {
		return model.Ref{Kind: f.refKind, Range: rng}
	}
	if isLiteral(s) || n.Tag == tagLiteral {
		return model.Ref{Kind: f.refKind, Literal: model.Known(s, rng), Range: rng}
	}
	return model.Ref{Kind: f.refKind, Range: rng, Literal: model.Attr[string]{Value: s}}
}

// isLiteral tells identifiers AWS assigns (ARNs, vpc-…, sn-…) from names.
func isLiteral(s string) bool {
	return strings.HasPrefix(s, "arn:") || model.KindOfIdentifier(s) != ""
}

// track records a named reference of a single Ref field for resolution.
func (d *document) track(fv reflect.Value, f *field) {
	d.pendingFor(fv.Addr().Interface().(*model.Ref), f.refKind)
}

func (d *document) pendingFor(r *model.Ref, kind model.Kind) {
	if !r.Literal.Known && r.Literal.Value != "" {
		d.pending = append(d.pending, pendingRef{ref: r, text: r.Literal.Value, kind: kind})
		r.Literal = model.Attr[string]{}
	}
}

// resolve points every named reference of a document at its entity.
func (r *reader) resolve(d *document) {
	for _, p := range d.pending {
		rng := p.ref.Range
		if target, ok := r.crossFile(p.text); ok {
			if target == nil {
				d.refDiags.Errorf(rng, "no native file of this run declares %q (account/kind/name)", p.text)
				continue
			}
			p.ref.Target = target.e.Base().ID
			continue
		}
		var found []*entity
		for _, e := range d.byHandle[p.text] {
			if p.kind == "" || e.kind == p.kind {
				found = append(found, e)
			}
		}
		switch len(found) {
		case 1:
			p.ref.Target = found[0].e.Base().ID
		case 0:
			msg := fmt.Sprintf("no %s named %q in this file", kindLabel(p.kind), p.text)
			var names []string
			for h, es := range d.byHandle {
				for _, e := range es {
					if p.kind == "" || e.kind == p.kind {
						names = append(names, h)
					}
				}
			}
			sort.Strings(names)
			if s := suggest(p.text, names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			d.refDiags.Errorf(rng, "%s (refer to other files as account/kind/name, or by ARN)", msg)
		default:
			d.refDiags.Errorf(rng, "%q names %d entities of different kinds in this file; give them distinct ids", p.text, len(found))
		}
	}
}

// crossFile resolves account/kind/name; ok is false when text has another form.
func (r *reader) crossFile(text string) (*entity, bool) {
	parts := strings.Split(text, "/")
	if len(parts) != 3 || !model.IsAccountID(parts[0]) {
		return nil, false
	}
	kind := parts[1]
	if c := byCollection[kind]; c != nil {
		kind = string(c.info.Kind)
	}
	return r.global[parts[0]+"/"+kind+"/"+parts[2]], true
}

func kindLabel(k model.Kind) string {
	if info := model.InfoOf(k); info != nil {
		return info.Label
	}
	return "entity"
}

// toAny converts a YAML value (a policy document) to the JSON-like value the
// model holds. checkBudget has bounded it already.
func toAny(n *yaml.Node) any {
	n = deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			out[deref(n.Content[i]).Value] = toAny(n.Content[i+1])
		}
		return out
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			out = append(out, toAny(c))
		}
		return out
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return n.Value
	}
	switch x := v.(type) {
	case int:
		return float64(x)
	case nil:
		return nil
	}
	return v
}

// relPath makes a path relative to root, with forward slashes.
func relPath(root, p string) string {
	if root != "" {
		if r, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(p)
}
