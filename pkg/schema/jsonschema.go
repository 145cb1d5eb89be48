package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// InputSchemaPath is where the JSON Schema of the model (the input of every
// policy) is committed, relative to the repository root. The rules engine
// registers it as schema.input, so a policy's METADATA can say
//
//	# schemas:
//	#   - input: schema.input
//
// and OPA's type checker rejects a misspelt collection or top-level key.
const InputSchemaPath = "policies/schemas/input.json"

// InputSchema returns the JSON Schema (draft-07) of the model JSON, derived
// from the kind registry and the entity types: every collection is an object
// keyed by entity id whose values are the kind's entity.
func InputSchema() ([]byte, error) {
	g := &schemaGen{defs: map[string]any{}}
	props := map[string]any{
		"schema_version": map[string]any{"type": "string", "const": model.SchemaVersion},
		"accounts": map[string]any{"type": "object", "description": "accounts the model covers, keyed by account id",
			"additionalProperties": g.typeSchema(reflect.TypeOf(model.Account{}))},
	}
	required := []string{"schema_version", "accounts"}
	for _, k := range model.Kinds {
		def := string(k.Kind)
		g.defs[def] = g.structSchema(k.Type().Elem())
		props[k.Collection] = map[string]any{"type": "object",
			"description":          fmt.Sprintf("%s entities keyed by entity id", k.Label),
			"additionalProperties": map[string]any{"$ref": "#/definitions/" + def}}
		required = append(required, k.Collection)
	}
	doc := map[string]any{
		"$schema":              "http://json-schema.org/draft-07/schema#",
		"title":                "lattice-lint topology model (the input of every policy)",
		"description":          "Generated from pkg/model by go generate ./pkg/schema; do not edit. See docs/model-schema.md.",
		"type":                 "object",
		"properties":           props,
		"required":             sortedStrings(required),
		"additionalProperties": false,
		"definitions":          g.defs,
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type schemaGen struct{ defs map[string]any }

var (
	rangeType      = reflect.TypeOf(model.Range{})
	refType        = reflect.TypeOf(model.Ref{})
	refListType    = reflect.TypeOf(model.RefList{})
	stringListType = reflect.TypeOf(model.StringList{})
	kindType       = reflect.TypeOf(model.Kind(""))
)

func (g *schemaGen) ref(name string, build func() any) map[string]any {
	if _, ok := g.defs[name]; !ok {
		g.defs[name] = nil // reserve against recursion
		g.defs[name] = build()
	}
	return map[string]any{"$ref": "#/definitions/" + name}
}

// typeSchema is the schema of a Go type as the model JSON writes it.
func (g *schemaGen) typeSchema(t reflect.Type) any {
	switch t {
	case rangeType:
		return g.ref("range", func() any {
			return map[string]any{"type": "array", "description": "[file, line, column, end line, end column]",
				"items": []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"},
					map[string]any{"type": "integer"}, map[string]any{"type": "integer"}, map[string]any{"type": "integer"}}}
		})
	case refType:
		return g.ref("reference", func() any {
			return map[string]any{"type": []string{"object", "null"},
				"description": "a reference; null when the code does not set it, unknown: true when its target cannot be told",
				"properties": map[string]any{
					"target": map[string]any{"type": "string"}, "kind": map[string]any{"type": "string"},
					"external": map[string]any{"type": "boolean"}, "inferred": map[string]any{"type": "boolean"},
					"attribute": map[string]any{"type": "string"}, "form": map[string]any{"type": "string", "enum": []string{"arn", "id", "composite_id"}},
					"value": map[string]any{"type": "string"}, "unknown": map[string]any{"type": "boolean"},
					"range": g.typeSchema(rangeType),
				},
				"additionalProperties": false}
		})
	case refListType:
		return g.ref("reference_list", func() any {
			return map[string]any{"type": "object", "properties": map[string]any{
				"known": map[string]any{"type": "boolean"},
				"items": map[string]any{"type": []string{"array", "null"}, "items": g.typeSchema(refType)},
				"range": g.typeSchema(rangeType),
			}, "additionalProperties": false}
		})
	case stringListType:
		return g.ref("string_list", func() any {
			return map[string]any{"type": "object", "properties": map[string]any{
				"known": map[string]any{"type": "boolean"},
				"items": map[string]any{"type": []string{"array", "null"}, "items": g.typeSchema(reflect.TypeOf(model.Attr[string]{}))},
				"range": g.typeSchema(rangeType),
			}, "additionalProperties": false}
		})
	case kindType:
		return map[string]any{"type": "string"}
	}
	if strings.HasPrefix(t.Name(), "Attr[") {
		val := t.Field(0).Type // Attr.Value
		name := "attr_" + jsonTypeName(val)
		return g.ref(name, func() any {
			return map[string]any{"type": []string{"object", "null"},
				"description": "an attribute: null when absent with no default; {value, default?} when known; {unknown: true} when static analysis cannot tell",
				"properties": map[string]any{
					"value": g.typeSchema(val), "default": map[string]any{"type": "boolean"},
					"unknown": map[string]any{"type": "boolean"}, "range": g.typeSchema(rangeType),
				},
				"additionalProperties": false}
		})
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Slice:
		return map[string]any{"type": []string{"array", "null"}, "items": g.typeSchema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.typeSchema(t.Elem())}
	case reflect.Pointer:
		return g.typeSchema(t.Elem())
	case reflect.Struct:
		return g.ref(snakeName(t.Name()), func() any { return g.structSchema(t) })
	}
	return map[string]any{}
}

func jsonTypeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int:
		return "integer"
	}
	return "any"
}

// structSchema lists the JSON fields of a struct. An embedded struct's
// fields come after the outer ones, and an outer field hides an embedded one
// of the same JSON name, as in encoding/json (a target group's "type" is its
// target type, not Meta's IaC type).
func (g *schemaGen) structSchema(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		var embedded []reflect.Type
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				embedded = append(embedded, f.Type)
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || name == "" || !f.IsExported() {
				continue
			}
			if _, hidden := props[name]; hidden {
				continue
			}
			props[name] = g.typeSchema(f.Type)
			if !strings.Contains(opts, "omitempty") {
				required = append(required, name)
			}
		}
		for _, e := range embedded {
			walk(e)
		}
	}
	walk(t)
	return map[string]any{"type": "object", "properties": props, "required": sortedStrings(required), "additionalProperties": false}
}

func snakeName(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 && !(s[i-1] >= 'A' && s[i-1] <= 'Z') {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func sortedStrings(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
