// Package native is lattice-lint's own YAML topology format (apiVersion
// lattice-lint/v1, kind Topology): reading it into the model (Parse), writing
// any model as it (Export), and its JSON Schema (Schema). The format is derived
// from the model's Go types and the kind registry — a collection per kind,
// keyed as in the model JSON, a key per model field — so a field or kind added
// to the model is a field or kind of the format, and the schema follows.
package native

import (
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// The version keys every native file starts with.
const (
	APIVersion = "lattice-lint/v1"
	DocKind    = "Topology"
	// Format is the Meta.Format of the entities this front end adds.
	Format = "native"
)

// Keys of the document and of every entity besides the model's fields.
const (
	keyAPIVersion = "apiVersion"
	keyKind       = "kind"
	keyAccount    = "account"
	keyRegion     = "region"
	keyAccounts   = "accounts"
	// keyOrganization is an account's AWS Organizations id.
	keyOrganization = "organization"
	keyID           = "id"
	keyTags         = "tags"
	keyEscaped      = "escaped"
	keyConditional  = "conditional"
	// keyIgnore lists the suppressions of findings on an entity.
	keyIgnore = "ignore"
)

// organizationID is the form of an AWS Organizations id.
var organizationID = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)

// Tags of YAML scalars.
const (
	// tagUnknown marks a value static analysis could not determine.
	tagUnknown = "!unknown"
	// tagDefault marks a value the source omits: AWS's default, written out.
	tagDefault = "!default"
	// tagLiteral marks a reference written as AWS takes it (a Lambda
	// function's name) rather than the id of an entry.
	tagLiteral = "!literal"
)

// valueKind is how a model field is written.
type valueKind int

const (
	vString     valueKind = iota // model.Attr[string]
	vInt                         // model.Attr[int]
	vBool                        // model.Attr[bool]
	vAny                         // model.Attr[any]: a policy document
	vRef                         // model.Ref
	vRefList                     // model.RefList
	vStringList                  // model.StringList
	vRefs                        // []model.Ref
	vStrings                     // []model.Attr[string]
	vFlag                        // plain bool (rules_known, complete)
	vText                        // plain string (a security group rule's direction)
	vStruct                      // a nested object (default_action, match)
	vStructs                     // a list of nested objects (forward, ingress)
)

// field is one key of an entity or nested object.
type field struct {
	key   string
	index []int
	kind  valueKind
	// refKind is the kind a reference is expected to point at ("" for any),
	// read from the field name (service, target_group, security_groups …).
	refKind model.Kind
	sub     *plan // vStruct, vStructs
}

// plan is the fields of one struct type, in declaration order.
type plan struct {
	typ    reflect.Type
	fields []field
	byKey  map[string]*field
	// present is the index of a plain bool that records whether the object is
	// written at all (HealthCheck.Set), or nil.
	present []int
}

func (p *plan) keys() []string {
	out := make([]string, 0, len(p.fields))
	for _, f := range p.fields {
		out = append(out, f.key)
	}
	return out
}

// collection is the native view of one kind.
type collection struct {
	info *model.KindInfo
	plan *plan
}

var (
	attrString = reflect.TypeOf(model.Attr[string]{})
	attrInt    = reflect.TypeOf(model.Attr[int]{})
	attrBool   = reflect.TypeOf(model.Attr[bool]{})
	attrAny    = reflect.TypeOf(model.Attr[any]{})
	refT       = reflect.TypeOf(model.Ref{})
	refListT   = reflect.TypeOf(model.RefList{})
	strListT   = reflect.TypeOf(model.StringList{})
	rangeT     = reflect.TypeOf(model.Range{})
)

// derived are model fields Link computes: never written, never read. The
// security group rule's "rule" is the standalone rule a folded inline rule
// came from.
func derived(key string, t reflect.Type) bool {
	return key == "cidrs_cover_lattice" || key == "cidrs_broader_than_lattice" || (key == "rule" && t.Kind() == reflect.String)
}

// collections are the kinds a native file may declare, in registry order.
// Externals are what Link makes of references that leave the model; a native
// file writes such a reference as its ARN or id instead.
var collections, byCollection = func() ([]*collection, map[string]*collection) {
	var list []*collection
	by := map[string]*collection{}
	for _, k := range model.Kinds {
		if k.Kind == model.KindExternal {
			continue
		}
		c := &collection{info: k, plan: planFor(k.Type().Elem(), schema.ByKind(k.Kind), "")}
		list = append(list, c)
		by[k.Collection] = c
	}
	return list, by
}()

// inline is a list of entries one entry may hold inline, where that reads
// naturally: a service's listeners, a listener's rules, a target group's
// targets. The child's reference to its parent is implied: it is the field
// whose backref tag names the list (Listener.Service has
// backref:"service.listeners"). A child may also inherit a reference of its
// parent it does not write (a rule's service is its listener's).
type inline struct {
	key       string // the key under the parent: listeners
	child     *collection
	parentKey string // the child's reference to the parent: service
	inherit   string // a reference the child takes from the parent when it does not write it, or ""
}

// inlineLists are the parent.list pairs written inline, with what the child inherits.
var inlineLists = []struct{ list, inherit string }{
	{"service.listeners", ""}, {"listener.rules", "service"}, {"target_group.targets", ""},
}

// inlines are the inline lists of each kind, derived from the backref tags.
var inlines = func() map[model.Kind][]inline {
	out := map[model.Kind][]inline{}
	for _, il := range inlineLists {
		parent, key, _ := strings.Cut(il.list, ".")
		for _, c := range collections {
			t := c.info.Type().Elem()
			for i := 0; i < t.NumField(); i++ {
				sf := t.Field(i)
				if sf.Type != refT || !slices.Contains(strings.Split(sf.Tag.Get("backref"), ","), il.list) {
					continue
				}
				pk, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
				out[model.Kind(parent)] = append(out[model.Kind(parent)], inline{key: key, child: c, parentKey: pk, inherit: il.inherit})
			}
		}
	}
	return out
}()

// planFor is the plan of struct type t, the fields of kind tab's entities at
// model path prefix: the kind a reference points at comes from its field name
// (security_groups) or else from the table's row (a permission's function).
func planFor(t reflect.Type, tab *schema.Resource, prefix string) *plan {
	p := &plan{typ: t, byKey: map[string]*field{}}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous || !sf.IsExported() || sf.Type == rangeT {
			continue
		}
		key, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if key == "" || key == "-" || derived(key, sf.Type) {
			continue
		}
		f := field{key: key, index: sf.Index}
		switch {
		case sf.Type == attrString:
			f.kind = vString
		case sf.Type == attrInt:
			f.kind = vInt
		case sf.Type == attrBool:
			f.kind = vBool
		case sf.Type == attrAny:
			f.kind = vAny
		case sf.Type == refT:
			f.kind, f.refKind = vRef, refKindOf(key, tab, prefix)
		case sf.Type == refListT:
			f.kind, f.refKind = vRefList, refKindOf(key, tab, prefix)
		case sf.Type == strListT:
			f.kind = vStringList
		case sf.Type.Kind() == reflect.Slice && sf.Type.Elem() == refT:
			f.kind, f.refKind = vRefs, refKindOf(key, tab, prefix)
		case sf.Type.Kind() == reflect.Slice && sf.Type.Elem() == attrString:
			f.kind = vStrings
		case sf.Type.Kind() == reflect.Bool:
			if key == "set" {
				p.present = sf.Index
				continue
			}
			f.kind = vFlag
		case sf.Type.Kind() == reflect.String:
			f.kind = vText
		case sf.Type.Kind() == reflect.Struct:
			f.kind, f.sub = vStruct, planFor(sf.Type, tab, prefix+key+".")
		case sf.Type.Kind() == reflect.Slice && sf.Type.Elem().Kind() == reflect.Struct:
			f.kind, f.sub = vStructs, planFor(sf.Type.Elem(), tab, prefix+key+"[].")
		default:
			// []string back-references (Link fills them) and anything else the
			// format does not carry.
			continue
		}
		p.fields = append(p.fields, f)
	}
	for i := range p.fields {
		p.byKey[p.fields[i].key] = &p.fields[i]
	}
	return p
}

// refKindOf is the kind a reference field names, singular or plural
// (security_groups → security_group), else the kind of the table's row for
// it (a Lambda permission's function), or "" when it may point at several
// kinds (a target, a policy's resource).
func refKindOf(key string, tab *schema.Resource, prefix string) model.Kind {
	if key == "target" { // a target's instance, function, load balancer or IP; not a Target
		return ""
	}
	for _, k := range model.AllKinds {
		if string(k) == key || k.Collection() == key {
			return k
		}
	}
	if tab == nil {
		return ""
	}
	if f := tab.Field(prefix + key); f != nil {
		return f.Kind
	}
	if f := tab.CustomRow(prefix + key); f != nil {
		return f.Kind
	}
	return ""
}

// collectionNames lists the collection keys of a native file, sorted.
func collectionNames() []string {
	out := make([]string, 0, len(collections))
	for _, c := range collections {
		out = append(out, c.info.Collection)
	}
	sort.Strings(out)
	return out
}

// metaKeys are the keys every entity may have besides its model fields.
var metaKeys = []string{keyID, keyAccount, keyRegion, keyTags, keyEscaped, keyConditional, keyIgnore}
