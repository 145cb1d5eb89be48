package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// SchemaURL is where the JSON Schema of the configuration file is published
// (docs/lattice-lint.schema.json); editors find it through a
// `# yaml-language-server: $schema=` line.
const SchemaURL = "https://raw.githubusercontent.com/lattice-lint/lattice-lint/main/docs/lattice-lint.schema.json"

// Schema returns the JSON Schema (draft 2020-12) of .lattice-lint.yaml,
// generated from the Config type: its yaml tags name the keys, and the doc,
// enum, pattern and required tags describe them. A field added to Config
// appears in the schema without further work; the committed copy is kept in
// step by a test.
func Schema() ([]byte, error) {
	root := schemaOf(reflect.TypeOf(Config{}))
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = SchemaURL
	root["title"] = "lattice-lint configuration (" + DefaultFile + ")"
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("config schema: %w", err)
	}
	return buf.Bytes(), nil
}

// schemaer is a type that describes itself (its keys come from a table).
type schemaer interface{ JSONSchema() map[string]any }

// schemaOf describes a Go type the yaml decoder fills.
func schemaOf(t reflect.Type) map[string]any {
	if s, ok := reflect.Zero(t).Interface().(schemaer); ok {
		return s.JSONSchema()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return schemaOf(t.Elem())
	case reflect.Struct:
		props := map[string]any{}
		var required []string
		addFields(t, props, &required)
		s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			s["required"] = required
		}
		return s
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem())}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	}
	return map[string]any{} // anything: the decoder decides
}

// addFields adds the keys of a struct's exported fields; inline fields add
// theirs to the same object, like the yaml decoder reads them.
func addFields(t reflect.Type, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if strings.Contains(opts, "inline") {
			addFields(f.Type, props, required)
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		s := schemaOf(f.Type)
		if d := f.Tag.Get("doc"); d != "" {
			s["description"] = d
		}
		if e := f.Tag.Get("enum"); e != "" {
			s["enum"] = strings.Split(e, "|")
		}
		if p := f.Tag.Get("pattern"); p != "" {
			s["pattern"] = p
		}
		if p := f.Tag.Get("keypattern"); p != "" {
			s["propertyNames"] = map[string]any{"pattern": p}
		}
		for _, bound := range []string{"minimum", "maximum"} {
			if v := f.Tag.Get(bound); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil {
					panic(fmt.Sprintf("config: %s tag of %s: %v", bound, f.Name, err))
				}
				s[bound] = n
			}
		}
		if f.Tag.Get("required") == "true" {
			*required = append(*required, name)
		}
		props[name] = s
	}
}
