package schema

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// identifiers are, by collection and model field, the identifier forms the
// API model's pattern accepts for each kind a reference may name; derived
// once from the tables, errors join Check.
var identifiers, identifierErrs = identifierForms()

// IdentifierDocument is what policies read as data.lattice.identifiers:
//
//	{collection: {field: {"kind": expected kind or "", "args": {format: argument},
//	                      "forms": {kind: {"id": bool, "arn": bool}}}}}
//
// A form is listed only when a sample identifier of the kind in that form can
// be built (a listener's ARN nests under its service's: none is built).
func IdentifierDocument() map[string]any { return identifiers }

func identifierForms() (map[string]any, []error) {
	out, errs := map[string]any{}, []error(nil)
	for _, r := range tables {
		if r.Kind == "" {
			continue
		}
		for i := range r.Fields {
			f := &r.Fields[i]
			if f.Type != Ref || f.API == "" || strings.ContainsAny(f.Model, ".[") {
				continue
			}
			s, err := apiMember(f.API)
			if err != nil || s.Pattern == "" {
				continue // an unknown member is already in tableErrs
			}
			re, err := regexp.Compile("^(?:" + s.Pattern + ")$")
			if err != nil {
				errs = append(errs, fmt.Errorf("%s %s (%s): %w", r.Kind, f.Model, f.API, err))
				continue
			}
			forms := map[string]any{}
			for _, k := range model.Kinds {
				if f.Kind != "" && k.Kind != f.Kind {
					continue
				}
				accepts := map[string]any{}
				if id, ok := sampleID(k); ok {
					accepts["id"] = re.MatchString(id)
					if arn, ok := sampleARN(k, id); ok {
						accepts["arn"] = re.MatchString(arn)
					}
				}
				// A kindless reference lists only the kinds the pattern takes in some form.
				if f.Kind != "" || accepts["id"] == true || accepts["arn"] == true {
					forms[string(k.Kind)] = accepts
				}
			}
			coll := r.Kind.Collection()
			if out[coll] == nil {
				out[coll] = map[string]any{}
			}
			out[coll].(map[string]any)[f.Model] = map[string]any{"kind": string(f.Kind), "forms": forms,
				"args": map[string]any{"terraform": f.AWS, "awscc": f.AWSCC, "cloudformation": f.CFN}}
		}
	}
	return out, errs
}

// sampleID is an id of kind k the way AWS writes them: its prefix and 17
// lowercase hexadecimal characters.
func sampleID(k *model.KindInfo) (string, bool) {
	if len(k.IDPrefixes) == 0 {
		return "", false
	}
	return k.IDPrefixes[0] + "0123456789abcdef0", true
}

// sampleARN is the ARN of the entity of kind k whose id is id.
func sampleARN(k *model.KindInfo, id string) (string, bool) {
	if k.ARNService == "" || len(k.ARNTypes) == 0 {
		return "", false
	}
	return "arn:aws:" + k.ARNService + ":us-east-1:111111111111:" + k.ARNTypes[0] + "/" + id, true
}
