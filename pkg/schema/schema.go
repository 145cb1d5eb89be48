// Package schema is the one table of what lattice-lint reads from each
// resource: for every entity kind, which model field each argument of the
// hashicorp/aws provider, the hashicorp/awscc provider, CloudFormation and the
// native format fills, with its type, AWS default, allowed values and, for a
// reference, the kind it points at. Front ends read their argument names,
// defaults and enums from here and keep no list of their own; enums, patterns
// and required members come from the VPC Lattice API model (api_gen.go).
package schema

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// Type is what a field holds.
type Type string

// Field types.
const (
	String     Type = "string"
	Int        Type = "integer"
	Bool       Type = "boolean"
	Ref        Type = "reference"
	RefList    Type = "reference_list"
	StringList Type = "string_list"
	Policy     Type = "policy" // a JSON policy document
	Block      Type = "block"  // a nested block or object (its own rows name its content)
	Any        Type = "any"    // a leaf lattice-lint does not read
)

// Column names a front end's view of the table.
type Column int

// The columns of the table.
const (
	AWS Column = iota
	AWSCC
	CFN
	YAML
)

func (c Column) String() string {
	return [...]string{"hashicorp/aws", "hashicorp/awscc", "CloudFormation", "native"}[c]
}

// Computed is the Default of a field AWS fills in at create time from things
// the code does not say (a VPC's address family, a default security group):
// an omitted value is unknown, never absent.
var Computed = computed{}

type computed struct{}

// DefaultFunc computes a default from the other fields of the entity (a port
// from the protocol); ok is false when there is none.
type DefaultFunc func(e model.Entity) (v any, ok bool)

// Field is one row of a kind's table. Paths are dot-separated: nested blocks
// (Terraform), nested objects (CloudFormation, the model). A list of nested
// blocks or objects is written like any other level; a model path with "[]"
// marks the items of a list (default_action.forward[].weight).
type Field struct {
	// Model is the JSON path of the model field; "" when the model does not
	// hold the argument (it is still a known name, never a typo).
	Model string
	// AWS, AWSCC and CFN are the argument or property paths in each input
	// format; "" when the format has no such argument. The native format's
	// key is the model path itself: pkg/native derives the format from the
	// model's types, so it has no column of its own.
	AWS, AWSCC, CFN string
	// API is the member path in the VPC Lattice API model
	// (CreateTargetGroupRequest.config.port) that Type, Enum, the pattern and
	// the bounds come from.
	API  string
	Type Type
	// Enum lists the allowed values, case-sensitive as AWS is; taken from the
	// API model when API names an enum shape.
	Enum []string
	// Default is the value AWS uses when the code omits the field: a value,
	// Computed, or a DefaultFunc. When, if set, says for which entities.
	Default any
	When    func(e model.Entity) bool
	// AWSDefault overrides Default for hashicorp/aws, whose schema sets its own.
	AWSDefault any
	// Kind is the kind a reference points at ("" for any).
	Kind model.Kind
	// Custom fields are read by the front end's own code (derived values,
	// unions, lists of objects); their names, defaults and enums still come
	// from here.
	Custom bool
	// RequiredCFN is set when CloudFormation rejects the resource without it.
	RequiredCFN bool
	// NotRequired is set on an argument the API requires but the provider
	// also takes another way (a listener's service_arn): never missing.
	NotRequired bool
	// Computes is set on an argument whose presence makes the model value
	// unknown: AWS decides it at apply time (an IPAM pool allocates the VPC's
	// block, a network interface carries an instance's groups).
	// A Bool row computes unless its value is known false
	// (assign_generated_ipv6_cidr_block = false allocates nothing).
	Computes bool
	// Norm rewrites a known string value the way the rules compare it (IP
	// protocol numbers as names); it runs after the enum check.
	Norm func(string) string

	index []int        // the model field, resolved at start-up
	ftype reflect.Type // its Go type
}

// Path returns the field's path in a column ("" when absent).
func (f *Field) Path(c Column) string {
	switch c {
	case AWS:
		return f.AWS
	case AWSCC:
		return f.AWSCC
	case CFN:
		return f.CFN
	}
	if f.Custom || strings.Contains(f.Model, "[]") {
		return ""
	}
	return f.Model
}

// DefaultFor returns the default a front end applies.
func (f *Field) DefaultFor(c Column) any {
	if c == AWS && f.AWSDefault != nil {
		return f.AWSDefault
	}
	return f.Default
}

// Resource is the table of one kind: its resource types and fields.
type Resource struct {
	Kind model.Kind
	// AWS, AWSCC and CFN are the resource types; "" when the format has none
	// that lattice-lint reads.
	AWS, AWSCC, CFN string
	Fields          []Field
	// Open tables list only the arguments lattice-lint reads: names they do
	// not list are not checked. EC2, ELB, Lambda and ECS resources take
	// hundreds of arguments and the providers add more every release; a
	// closed table (every VPC Lattice one) lists them all.
	Open bool
	// Const sets plain string model fields to a value fixed by the resource
	// type (an aws_vpc_security_group_ingress_rule is an ingress rule).
	Const map[string]string
	// AWSCCIDIsARN is set when the awscc resource's id (its CloudFormation
	// primary identifier) is its ARN, as for every VPC Lattice resource (set
	// for those at start-up), a RAM share or a load balancer; else it is the
	// resource's own id (vpc-…, sg-…).
	AWSCCIDIsARN bool
	// AWSIDIsARN is set when the hashicorp/aws resource's id is its ARN
	// (a Firehose delivery stream's), not its name or AWS id.
	AWSIDIsARN bool
	// Lookup is the hashicorp/aws data source of the same type name, when
	// there is one the front ends read.
	Lookup *Lookup

	items    map[string]*Resource // the rows of each list of objects, by list model path
	required map[string]bool      // hashicorp/aws argument paths the provider requires
	consts   []constField
	elem     reflect.Type // the Go type an item table fills (nil for a kind's table)
}

// Lookup is a hashicorp/aws data source that finds an entity defined
// elsewhere: the model holds it as an external entity of the kind,
// identified by the first of IDs the code sets.
type Lookup struct {
	IDs []string
	// Filter, when set, is the filter name (filter { name = Filter; values =
	// [x] }) whose single value identifies the entity like IDs do.
	Filter string
	// Modelled lookups become an entity of the kind itself, not an external
	// one: a managed prefix list's name says whether it is VPC Lattice's.
	Modelled bool
}

// The filter block every hashicorp/aws lookup takes.
const (
	FilterBlock  = "filter"
	FilterName   = "name"
	FilterValues = "values"
)

type constField struct {
	index []int
	value string
}

// Type returns the resource type in a column.
func (r *Resource) Type(c Column) string {
	switch c {
	case AWS:
		return r.AWS
	case AWSCC:
		return r.AWSCC
	case CFN:
		return r.CFN
	}
	return string(r.Kind)
}

// Field returns the row whose model path is p, or nil.
func (r *Resource) Field(p string) *Field {
	for i := range r.Fields {
		if r.Fields[i].Model == p {
			return &r.Fields[i]
		}
	}
	return nil
}

// Required lists the arguments a block (given by its path, "" for the
// resource) must set in hashicorp/aws: the members the VPC Lattice API model
// requires that the provider does not default.
func (r *Resource) Required(block string) []string {
	prefix := block
	if prefix != "" {
		prefix += "."
	}
	var out []string
	for p := range r.required {
		if rest, ok := strings.CutPrefix(p, prefix); ok && !strings.Contains(rest, ".") && (prefix != "" || p != "") {
			out = append(out, rest)
		}
	}
	sort.Strings(out)
	return out
}

// CustomRow returns the Custom row whose model path is p, or nil: the row a
// front end's own code reads when plain rows fill the same field.
func (r *Resource) CustomRow(p string) *Field {
	for i := range r.Fields {
		if r.Fields[i].Model == p && r.Fields[i].Custom {
			return &r.Fields[i]
		}
	}
	return nil
}

// Names returns the argument names a block accepts in a column: the block is
// given by its path ("" for the resource, "config.health_check").
func (r *Resource) Names(c Column, block string) []string {
	seen := map[string]bool{}
	var out []string
	prefix := block
	if prefix != "" {
		prefix += "."
	}
	for i := range r.Fields {
		p := r.Fields[i].Path(c)
		if p == "" || !strings.HasPrefix(p, prefix) {
			continue
		}
		name, _, _ := strings.Cut(p[len(prefix):], ".")
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// IsBlock reports whether a path names a nested block (or object) in a column.
func (r *Resource) IsBlock(c Column, path string) bool {
	for i := range r.Fields {
		p := r.Fields[i].Path(c)
		if strings.HasPrefix(p, path+".") {
			return true
		}
		if p == path && r.Fields[i].Type == Block {
			return true
		}
	}
	return false
}

// Tables are every resource table, Lattice kinds first.
func Tables() []*Resource { return tables }

// ByType returns the table of a resource type in a column, or nil.
func ByType(c Column, typ string) *Resource {
	if typ == "" {
		return nil
	}
	for _, r := range tables {
		if r.Type(c) == typ {
			return r
		}
	}
	return nil
}

// ByKind returns the table of a kind, or nil.
func ByKind(k model.Kind) *Resource {
	for _, r := range tables {
		if r.Kind == k {
			return r
		}
	}
	return nil
}

// Types lists the resource types of a column that start with prefix.
func Types(c Column, prefix string) []string {
	var out []string
	for _, r := range tables {
		if t := r.Type(c); t != "" && strings.HasPrefix(t, prefix) {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// Value returns the model field a row fills in e, an entity or the item of
// an item table (addressable).
func (f *Field) Value(e any) reflect.Value {
	return reflect.ValueOf(e).Elem().FieldByIndex(f.index)
}

// ModelType is the type of the model field the row fills ("" when none):
// several rows of scalar Type may fill one list.
func (f *Field) ModelType() Type {
	if f.index == nil {
		return ""
	}
	switch reflect.Zero(f.ftype).Interface().(type) {
	case model.Attr[string]:
		return String
	case model.Attr[int]:
		return Int
	case model.Attr[bool]:
		return Bool
	case model.Ref:
		return Ref
	case model.RefList:
		return RefList
	case model.StringList:
		return StringList
	}
	return Any
}

// Modelled reports whether the row fills a model field.
func (f *Field) Modelled() bool { return f.index != nil }

// Set stores v (a model.Attr, Ref, RefList or StringList) in e.
func (f *Field) Set(e any, v any) { f.Value(e).Set(reflect.ValueOf(v)) }

// Put stores v in e like Set, but several rows may fill one list: a value of
// an item's type (a string, a reference) is added to the list, a list is
// appended to what earlier rows gave (cidr_blocks and ipv6_cidr_blocks are
// one model list), and the list is known only when every part is.
func (f *Field) Put(e any, v any) {
	cur := f.Value(e)
	switch x := v.(type) {
	case model.Attr[string]:
		if l, ok := cur.Interface().(model.StringList); ok {
			if l.Range.IsZero() && !l.Known {
				l = model.StringList{Known: true, Range: x.Range}
			}
			l.Items = append(l.Items, x)
			cur.Set(reflect.ValueOf(l))
			return
		}
	case model.Ref:
		if l, ok := cur.Interface().(model.RefList); ok {
			if l.Range.IsZero() && !l.Known {
				l = model.RefList{Known: true, Range: x.Range}
			}
			l.Items = append(l.Items, x)
			cur.Set(reflect.ValueOf(l))
			return
		}
	case model.StringList:
		if l, ok := cur.Interface().(model.StringList); ok && !(l.Range.IsZero() && !l.Known) {
			l.Items, l.Known = append(l.Items, x.Items...), l.Known && x.Known
			cur.Set(reflect.ValueOf(l))
			return
		}
	case model.RefList:
		if l, ok := cur.Interface().(model.RefList); ok && !(l.Range.IsZero() && !l.Known) {
			l.Items, l.Known = append(l.Items, x.Items...), l.Known && x.Known
			cur.Set(reflect.ValueOf(l))
			return
		}
	}
	f.Set(e, v)
}

// Switched reports whether a Computes row given as the flag a computes:
// rows of other types always do, a Bool row unless it is known false.
func (f *Field) Switched(a model.Attr[bool]) bool {
	return f.Type != Bool || !a.Known || a.Value
}

// Compute makes the model field of e unknown because a Computes argument is
// present at rng; a list keeps the items other rows gave.
func (f *Field) Compute(e any, rng model.Range) {
	switch l := f.Value(e).Interface().(type) {
	case model.StringList:
		if l.Range.IsZero() {
			l.Range = rng
		}
		l.Known = false
		f.Set(e, l)
	case model.RefList:
		if l.Range.IsZero() {
			l.Range = rng
		}
		l.Known = false
		f.Set(e, l)
	default:
		f.SetUnknown(e, rng)
	}
}

// Normalise applies the row's Norm to a known value.
func (f *Field) Normalise(a model.Attr[string]) model.Attr[string] {
	if f.Norm != nil && a.Known {
		a.Value = f.Norm(a.Value)
	}
	return a
}

// Items returns the table of the objects of a list (a security group's
// ingress rules): its rows are the rows under the list's model path, with
// model and argument paths relative to one item. It is nil when the table
// has no such list.
func (r *Resource) Items(list string) *Resource { return r.items[list] }

// SetConst stores the resource type's constant model values in e.
func (r *Resource) SetConst(e any) {
	for _, c := range r.consts {
		reflect.ValueOf(e).Elem().FieldByIndex(c.index).SetString(c.value)
	}
}

// SetUnknown makes the model field of e unknown at rng.
func (f *Field) SetUnknown(e any, rng model.Range) {
	switch f.Value(e).Interface().(type) {
	case model.Attr[string]:
		f.Set(e, model.Unknown[string](rng))
	case model.Attr[int]:
		f.Set(e, model.Unknown[int](rng))
	case model.Attr[bool]:
		f.Set(e, model.Unknown[bool](rng))
	case model.Ref:
		f.Set(e, model.Ref{Kind: f.Kind, Range: rng})
	case model.RefList:
		f.Set(e, model.RefList{Items: []model.Ref{}, Range: rng})
	case model.StringList:
		f.Set(e, model.StringList{Items: []model.Attr[string]{}, Range: rng})
	}
}

// MarkMisspelt makes unknown every field of e the code meant to set under a
// misspelt name (misspelt maps the intended path in column c to where the
// misspelling is): read as absent, it would take a default the code never chose.
func (r *Resource) MarkMisspelt(c Column, e any, misspelt map[string]model.Range) {
	for i := range r.Fields {
		f := &r.Fields[i]
		if at, ok := misspelt[f.Path(c)]; ok && f.index != nil && f.Absent(e) {
			f.SetUnknown(e, at)
		}
	}
}

// Absent reports whether the model field of e is absent from the code.
func (f *Field) Absent(e any) bool {
	v := f.Value(e)
	switch x := v.Interface().(type) {
	case model.Attr[string]:
		return !x.Known && x.Range.IsZero()
	case model.Attr[int]:
		return !x.Known && x.Range.IsZero()
	case model.Attr[bool]:
		return !x.Known && x.Range.IsZero()
	case model.Ref:
		return x.IsZero()
	case model.RefList:
		return !x.Known && x.Range.IsZero()
	case model.StringList:
		return !x.Known && x.Range.IsZero()
	}
	return false
}

// ApplyDefaults fills the AWS default of every omitted field of e that the
// column reads (or cannot express); rng gives the range of the innermost
// block present around a field.
func (r *Resource) ApplyDefaults(c Column, e any, rng func(f *Field) model.Range) {
	ent, _ := e.(model.Entity)
	for i := range r.Fields {
		f := &r.Fields[i]
		def := f.DefaultFor(c)
		if f.index == nil || def == nil || !f.Absent(e) || (f.When != nil && (ent == nil || !f.When(ent))) {
			continue
		}
		if fn, ok := def.(DefaultFunc); ok {
			if ent == nil {
				continue
			}
			if def, ok = fn(ent); !ok {
				continue
			}
		}
		at := rng(f)
		switch d := def.(type) {
		case computed:
			f.SetUnknown(e, at)
		case string:
			f.Set(e, model.Default(d, at))
		case int:
			f.Set(e, model.Default(d, at))
		case bool:
			f.Set(e, model.Default(d, at))
		case model.Attr[bool], model.Attr[string], model.Attr[int]: // a value derived from other fields, not a default
			if reflect.TypeOf(d) == f.Value(e).Type() {
				f.Set(e, d)
			}
		case []string: // an empty list
			switch f.Value(e).Interface().(type) {
			case model.RefList:
				f.Set(e, model.RefList{Known: true, Items: []model.Ref{}, Range: at})
			case model.StringList:
				f.Set(e, model.StringList{Known: true, Items: []model.Attr[string]{}, Range: at})
			}
		}
	}
}

// Empty is the Default of a list AWS leaves empty when the code omits it.
var Empty = []string{}

// Suggest returns the closest candidate to name within a small edit distance,
// or "".
func Suggest(name string, candidates []string) string {
	best, bestD := "", 4
	for _, c := range candidates {
		if d := distance(name, c); d < bestD || (d == bestD && best != "" && c < best) {
			best, bestD = c, d
		}
	}
	if best == "" && len(name) > 0 {
		for _, c := range candidates { // a different case is always worth naming
			if strings.EqualFold(c, name) {
				return c
			}
		}
	}
	return best
}

// distance is the Levenshtein distance; a case-only difference counts 1 per
// letter, so AWS_IAM is the suggestion for aws_iam.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// CheckEnum checks v against the field's allowed values. It returns "" when v
// is allowed, else the message every front end reports (with a did-you-mean).
func (f *Field) CheckEnum(v string) string {
	if len(f.Enum) == 0 {
		return ""
	}
	for _, x := range f.Enum {
		if x == v {
			return ""
		}
	}
	msg := fmt.Sprintf("%q is not one of %s (values are case-sensitive)", v, strings.Join(f.Enum, ", "))
	if s := suggestValue(v, f.Enum); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return msg
}

// suggestValue prefers a case-insensitive match, then the closest value.
func suggestValue(v string, allowed []string) string {
	for _, x := range allowed {
		if strings.EqualFold(x, v) {
			return x
		}
	}
	norm := func(s string) string { return strings.ReplaceAll(strings.ToUpper(s), "-", "_") }
	for _, x := range allowed {
		if norm(x) == norm(v) {
			return x
		}
	}
	return Suggest(strings.ToUpper(v), allowed)
}

// Rows returns every row whose model path is p: several arguments may fill
// one field (a path match is exact or prefix).
func (r *Resource) Rows(p string) []*Field {
	var out []*Field
	for i := range r.Fields {
		if r.Fields[i].Model == p {
			out = append(out, &r.Fields[i])
		}
	}
	return out
}

// Below returns the segments of a row's path in a column below the path of
// the row whose model path is block: a front end's own code walks a nested
// value by these names (fixed_response, status_code under default_action).
func (r *Resource) Below(c Column, f *Field, block string) []string {
	rest := f.Path(c)
	if b := r.Field(block); b != nil && b.Path(c) != "" {
		rest = strings.TrimPrefix(rest, b.Path(c)+".")
	}
	return strings.Split(rest, ".")
}

// Names returns the last segment of each row's path in a column: the keys a
// front end's own code reads (a match block's exact, prefix, contains).
func Names(c Column, rows []*Field) []string {
	out := make([]string, len(rows))
	for i, f := range rows {
		p := f.Path(c)
		out[i] = p[strings.LastIndexByte(p, '.')+1:]
	}
	return out
}
