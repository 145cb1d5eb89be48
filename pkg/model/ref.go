package model

import (
	"encoding/json"
	"strings"
)

// Ref is an attribute that points at another entity: a Terraform reference
// (aws_vpclattice_service.x.id), a CloudFormation Ref/GetAtt, or a literal ID, ARN
// or name. Front ends resolve symbolic references to Target themselves; Link
// resolves literals and turns references that leave the model into External
// entities. A Ref with no Target and no known Literal is unknown: it may point
// anywhere, and rules must not conclude from it.
type Ref struct {
	// Target is the ID of the referenced entity, once resolved.
	Target string
	// Kind is the kind the attribute expects (before linking) or the kind of
	// the target (after linking).
	Kind Kind
	// External is true when Target is an External entity (outside the model).
	External bool
	// Attribute is the attribute of the referenced declaration the code reads:
	// Terraform "id", "arn", "listener_id"…; CloudFormation "Ref", "Arn", "Id".
	// Empty for literals.
	Attribute string
	// Literal is the string as written, when the code writes one (an ID, ARN or
	// name), or the value a variable resolved to.
	Literal Attr[string]
	// Inferred is set when Link matched a literal ARN of another root to the one
	// entity of that kind the model holds in that account (see Link).
	Inferred bool
	Range    Range
}

// Known reports whether the reference is resolved or at least has a literal value.
func (r Ref) Known() bool { return r.Target != "" || r.Literal.Known }

// IsZero reports whether the attribute is absent from the code.
func (r Ref) IsZero() bool { return r.Target == "" && !r.Literal.Known && r.Range.IsZero() }

// Form tells how the reference identifies its target: "arn", "id",
// "composite_id" (Terraform listener id "svc-…/listener-…") or "" when unknown.
func (r Ref) Form() string {
	switch r.Attribute {
	case "arn", "Arn", "listener_arn", "service_arn", "service_network_arn", "resource_arn":
		return "arn"
	case "Ref":
		// Ref on every AWS::VpcLattice resource returns the ARN; elsewhere an id.
		if r.Kind.IsLattice() {
			return "arn"
		}
		return "id"
	case "id":
		if r.Kind == KindListener {
			return "composite_id"
		}
		return "id"
	case "":
	default:
		return "id"
	}
	if r.Literal.Known {
		if strings.HasPrefix(r.Literal.Value, "arn:") {
			return "arn"
		}
		return "id"
	}
	return ""
}

type refJSON struct {
	Target    string `json:"target,omitempty"`
	Kind      Kind   `json:"kind,omitempty"`
	External  bool   `json:"external,omitempty"`
	Inferred  bool   `json:"inferred,omitempty"`
	Attribute string `json:"attribute,omitempty"`
	Form      string `json:"form,omitempty"`
	Value     string `json:"value,omitempty"`
	Unknown   bool   `json:"unknown,omitempty"`
	Range     Range  `json:"range"`
}

// MarshalJSON writes the reference as the policies see it.
func (r Ref) MarshalJSON() ([]byte, error) {
	if r.IsZero() {
		return []byte("null"), nil // the code does not set it
	}
	b := make([]byte, 0, 160)
	b = append(b, '{')
	field := func(name, v string) {
		if v == "" {
			return
		}
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, `":`...)
		b = appendString(b, v)
		b = append(b, ',')
	}
	field("target", r.Target)
	field("kind", string(r.Kind))
	if r.External {
		b = append(b, `"external":true,`...)
	}
	if r.Inferred {
		b = append(b, `"inferred":true,`...)
	}
	field("attribute", r.Attribute)
	field("form", r.Form())
	field("value", r.Literal.Value)
	if !r.Known() {
		b = append(b, `"unknown":true,`...)
	}
	b = append(b, `"range":`...)
	b = r.Range.appendJSON(b)
	return append(b, '}'), nil
}

// UnmarshalJSON reads the form MarshalJSON writes.
func (r *Ref) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*r = Ref{}
		return nil
	}
	var j refJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = Ref{Target: j.Target, Kind: j.Kind, External: j.External, Inferred: j.Inferred, Attribute: j.Attribute, Range: j.Range}
	if j.Value != "" {
		r.Literal = Known(j.Value, j.Range)
	}
	return nil
}

// RefList is a list-valued reference attribute (security_group_ids, subnet_ids).
// Known is false when the list as a whole is unknown (var.sg_ids without a value);
// individual items may still be unknown.
type RefList struct {
	Known bool  `json:"known"`
	Items []Ref `json:"items"`
	Range Range `json:"range"`
}

// StringList is a list of string attributes (CIDR blocks, principals).
type StringList struct {
	Known bool           `json:"known"`
	Items []Attr[string] `json:"items"`
	Range Range          `json:"range"`
}
