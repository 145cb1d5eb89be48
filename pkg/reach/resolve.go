package reach

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// Client kinds and target kinds a question may name.
var (
	ClientKinds = []model.Kind{model.KindVPC, model.KindVPCEndpoint}
	TargetKinds = []model.Kind{model.KindService, model.KindResourceConfiguration}
)

// outside lists the kinds a question may name by the literal ARN or id of an
// entity outside the model: a service or resource configuration another
// account shares, which the client's network associates by its ARN.
var outside = map[model.Kind]bool{model.KindService: true, model.KindResourceConfiguration: true}

// AmbiguousError is a name several entities answer to.
type AmbiguousError struct {
	Text       string
	Candidates []string // ids, sorted
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q is ambiguous; say which one of: %s", e.Text, strings.Join(e.Candidates, ", "))
}

// NotFoundError is a name no entity of the wanted kinds answers to.
type NotFoundError struct {
	Text  string
	Kinds []model.Kind
}

func (e *NotFoundError) Error() string {
	kinds := make([]string, len(e.Kinds))
	for i, k := range e.Kinds {
		kinds[i] = string(k)
		if info := model.InfoOf(k); info != nil {
			kinds[i] = info.Label
		}
	}
	return fmt.Sprintf("no %s in the model is called %q (give a Terraform address, a CloudFormation logical id, a name, an id or an ARN, optionally prefixed by its root or template: root//address)",
		strings.Join(kinds, " or "), e.Text)
}

// Resolve finds the entity of one of kinds the user means by text: its model
// id (root//address), its Terraform address (with module path and instance
// key) or CloudFormation logical id, optionally prefixed by its root or
// template ("apps//aws_vpc.client"), its name, or its literal id or ARN. An
// exact id wins; otherwise the match must be unique.
func Resolve(m *model.Model, text string, kinds []model.Kind) (string, error) {
	want := map[model.Kind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	var matches []string
	for _, e := range m.Entities() {
		b := e.Base()
		kind := b.Kind
		if x, ok := e.(*model.External); ok && outside[x.For] {
			kind = x.For
		}
		if !want[kind] {
			continue
		}
		if b.ID == text {
			return b.ID, nil
		}
		if answersTo(e, text) {
			matches = append(matches, b.ID)
		}
	}
	switch len(matches) {
	case 0:
		return "", &NotFoundError{Text: text, Kinds: kinds}
	case 1:
		return matches[0], nil
	}
	sort.Strings(matches)
	return "", &AmbiguousError{Text: text, Candidates: matches}
}

// answersTo reports whether an entity answers to text.
func answersTo(e model.Entity, text string) bool {
	b := e.Base()
	if root, addr, ok := strings.Cut(text, "//"); ok && !strings.HasPrefix(text, "arn:") {
		// root//address: the root may be written with or without a trailing
		// slash or a leading ./
		src, want := cleanRoot(b.Source), cleanRoot(root)
		if src != want && !strings.HasSuffix(src, "/"+want) {
			return false
		}
		text = addr
	}
	if b.Address == text {
		return true
	}
	for _, n := range names(e) {
		if n == text {
			return true
		}
	}
	return false
}

func cleanRoot(r string) string {
	return strings.TrimSuffix(strings.TrimPrefix(r, "./"), "/")
}

// names are the other things an entity is called: its name, its Name tag,
// its literal id or ARN when the code states one.
func names(e model.Entity) []string {
	var out []string
	add := func(a model.Attr[string]) {
		if a.Known && a.Value != "" {
			out = append(out, a.Value)
		}
	}
	switch x := e.(type) {
	case *model.VPC:
		add(x.Identifier)
	case *model.Service:
		add(x.Name)
	case *model.ResourceConfiguration:
		add(x.Name)
	case *model.External:
		add(x.Identifier)
	}
	if n := e.Base().Tags["Name"]; n != "" {
		out = append(out, n)
	}
	return out
}

// HasAuth reports whether requests to a target pass auth policies: services
// do, in the model or outside it; resource configurations do not (service
// network auth policies do not apply to them).
func HasAuth(m *model.Model, target string) bool {
	e := m.Get(target)
	if x, ok := e.(*model.External); ok {
		return x.For == model.KindService
	}
	return e != nil && e.Base().Kind == model.KindService
}
