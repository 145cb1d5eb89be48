package native

import (
	"fmt"
	"strings"
)

// Reference renders the key reference of docs/native-format.md: every
// collection, and every key of its entries with what it holds. A test keeps
// the page's copy current.
func Reference() string {
	var b strings.Builder
	b.WriteString("| collection | what | keys (besides id, account, region, tags, escaped, conditional, ignore) |\n|---|---|---|\n")
	for _, c := range collections {
		keys := keyList(c.plan, "")
		for _, il := range inlines[c.info.Kind] {
			keys += fmt.Sprintf(", `%s` [%s, inline, without `%s`]", il.key, il.child.info.Label, il.parentKey)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.info.Collection, c.info.Label, keys)
	}
	return b.String()
}

func keyList(p *plan, prefix string) string {
	var parts []string
	for i := range p.fields {
		f := &p.fields[i]
		k := prefix + f.key
		switch f.kind {
		case vStruct:
			parts = append(parts, fmt.Sprintf("`%s` {%s}", k, keyList(f.sub, "")))
		case vStructs:
			parts = append(parts, fmt.Sprintf("`%s` [{%s}]", k, keyList(f.sub, "")))
		default:
			parts = append(parts, fmt.Sprintf("`%s` %s", k, typeName(f)))
		}
	}
	return strings.Join(parts, ", ")
}

func typeName(f *field) string {
	switch f.kind {
	case vString, vText:
		return "string"
	case vInt:
		return "integer"
	case vBool, vFlag:
		return "boolean"
	case vAny:
		return "document"
	case vRef:
		return "→" + refTarget(f)
	case vRefList, vRefs:
		return "[→" + refTarget(f) + "]"
	case vStringList, vStrings:
		return "[string]"
	}
	return ""
}

func refTarget(f *field) string {
	if f.refKind == "" {
		return "any"
	}
	return string(f.refKind)
}
