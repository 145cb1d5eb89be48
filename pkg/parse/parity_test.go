package parse_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/parse"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// The parity test is driven by the schema tables: for every plain row of
// every kind it writes a hashicorp/aws, a hashicorp/awscc (where the row has
// an awscc argument) and a CloudFormation input that set the field, and checks
// that they give the same model value, the one written. Every row with
// allowed values must reject a wrong-case value in each format with the same
// suggestion, and leave the attribute unknown.

// samples are values for rows whose generic sample would not do (add
// "kind.model_path": value here when a row needs a particular one).
var samples = map[string]any{
	// A record points at a DNS name (a service's), which is no identifier.
	"dns_record.points_to": "orders-0123456789abcdef0.7d67968.vpc-lattice-svcs.eu-west-1.on.aws",
}

// contexts are arguments every input of a kind sets besides the row's: the
// front ends model only the VPC endpoints of a Lattice type.
var contexts = map[model.Kind]map[schema.Column][2]string{
	model.KindVPCEndpoint: {schema.AWS: {"vpc_endpoint_type", "ServiceNetwork"}, schema.AWSCC: {"vpc_endpoint_type", "ServiceNetwork"},
		schema.CFN: {"VpcEndpointType", "ServiceNetwork"}},
}

// withContext adds the kind's context argument to a rendered input that
// sets path.
func withContext(k model.Kind, format, path, src string) string {
	c, ok := contexts[k][column(format)]
	if !ok || c[0] == path {
		return src
	}
	if format == "cloudformation" {
		var tmpl map[string]any
		_ = json.Unmarshal([]byte(src), &tmpl)
		res := tmpl["Resources"].(map[string]any)["X"].(map[string]any)
		if res["Properties"] == nil {
			res["Properties"] = map[string]any{}
		}
		res["Properties"].(map[string]any)[c[0]] = c[1]
		b, _ := json.MarshalIndent(tmpl, "", "  ")
		return string(b)
	}
	first, rest, _ := strings.Cut(src, "\n")
	return first + "\n" + c[0] + " = " + strconv.Quote(c[1]) + "\n" + rest
}

// sample is the value a parity input sets for a row.
func sample(t *schema.Resource, f *schema.Field) any {
	if v, ok := samples[string(t.Kind)+"."+f.Model]; ok {
		if s, one := v.(string); one && f.Type == schema.RefList {
			return []any{s} // the list row of a field a single row also fills
		}
		return v
	}
	switch f.Type {
	case schema.String:
		if len(f.Enum) > 0 {
			return f.Enum[len(f.Enum)-1] // the last value: rarely the default
		}
		return "sample-value"
	case schema.Int:
		return 42
	case schema.Bool:
		return f.Default != true
	case schema.Ref:
		return literalID(f.Kind)
	case schema.RefList:
		return []any{literalID(f.Kind)}
	case schema.StringList:
		return []any{"8000-8080"}
	}
	if f.Computes {
		return "sample-value"
	}
	return nil
}

// literalID is an identifier of something outside the input, of the kind.
func literalID(k model.Kind) string {
	if info := model.InfoOf(k); info != nil && len(info.IDPrefixes) > 0 {
		return info.IDPrefixes[0] + "0123456789abcdef0"
	}
	return "arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-0123456789abcdef0"
}

// input is one format's rendering of a resource that sets path to v.
type input struct {
	format, file, typ string
	// render writes a resource that sets path to v; item says the first
	// segment is a list of objects (one block in HCL, a list in JSON).
	render func(typ, path string, v any, item bool) string
}

func formats(r row) []input {
	var out []input
	t := r.t
	if t.AWS != "" && r.path(schema.AWS) != "" {
		out = append(out, input{"aws", "main.tf", t.AWS, renderHCL})
	}
	if t.AWSCC != "" && r.path(schema.AWSCC) != "" {
		out = append(out, input{"awscc", "main.tf", t.AWSCC, renderObjects})
	}
	if t.CFN != "" && r.path(schema.CFN) != "" {
		out = append(out, input{"cloudformation", "template.json", t.CFN, renderCFN})
	}
	return out
}

// renderHCL nests the path in blocks: config.port = 1 is config { port = 1 }.
func renderHCL(typ, path string, v any, _ bool) string {
	segs := strings.Split(path, ".")
	var b strings.Builder
	fmt.Fprintf(&b, "resource %q \"x\" {\n", typ)
	for _, s := range segs[:len(segs)-1] {
		fmt.Fprintf(&b, "%s {\n", s)
	}
	fmt.Fprintf(&b, "%s = %s\n", segs[len(segs)-1], hclValue(v))
	b.WriteString(strings.Repeat("}\n", len(segs)))
	return b.String()
}

// renderObjects nests the path in object attributes, as awscc takes them:
// dns_options = { private_dns_preference = "…" }; a list of objects is a
// list of one: security_group_ingress = [{ cidr_ip = "…" }].
func renderObjects(typ, path string, v any, item bool) string {
	segs := strings.Split(path, ".")
	val := hclValue(v)
	for i := len(segs) - 1; i >= 1; i-- {
		val = "{ " + segs[i] + " = " + val + " }"
	}
	if item {
		val = "[" + val + "]"
	}
	return fmt.Sprintf("resource %q \"x\" {\n%s = %s\n}\n", typ, segs[0], val)
}

func hclValue(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case []any:
		parts := make([]string, len(x))
		for i, it := range x {
			parts[i] = hclValue(it)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// renderCFN nests the path in objects of a JSON template.
func renderCFN(typ, path string, v any, item bool) string {
	segs := strings.Split(path, ".")
	var props any = v
	for i := len(segs) - 1; i >= 0; i-- {
		if i == 0 && item {
			props = []any{props}
		}
		props = map[string]any{segs[i]: props}
	}
	b, _ := json.MarshalIndent(map[string]any{
		"AWSTemplateFormatVersion": "2010-09-09",
		"Resources":                map[string]any{"X": map[string]any{"Type": typ, "Properties": props}},
	}, "", "  ")
	return string(b)
}

// load reads one input and returns the entity of the kind it declares as JSON.
func load(t *testing.T, in input, src string, k model.Kind) (map[string]any, diag.Diagnostics) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, in.file), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := parse.Load(context.Background(), []string{dir}, parse.Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Model.Entities() {
		if e.Base().Kind == k {
			b, err := json.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			var obj map[string]any
			if err := json.Unmarshal(b, &obj); err != nil {
				t.Fatal(err)
			}
			return obj, res.Diagnostics
		}
	}
	t.Fatalf("%s input declares no %s entity:\n%s\n%v", in.format, k, src, res.Diagnostics)
	return nil, nil
}

// at reads a model JSON path and drops ranges, which differ by format.
func at(obj map[string]any, path string) any {
	var v any = obj
	for _, s := range strings.Split(path, ".") {
		m, _ := v.(map[string]any)
		v = m[s]
	}
	return stripRanges(v)
}

func stripRanges(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if k != "range" {
				out[k] = stripRanges(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = stripRanges(e)
		}
		return out
	}
	return v
}

// row is a plain, modelled row of a kind's table; list is set for a row of
// the items of a list of objects (a security group's ingress rules), whose
// paths f gives relative to one item.
type row struct {
	t    *schema.Resource
	f    *schema.Field
	list *schema.Field
}

// path is the row's argument path in a column.
func (r row) path(c schema.Column) string {
	if r.list == nil {
		return r.f.Path(c)
	}
	if r.f.Path(c) == "" || r.list.Path(c) == "" {
		return ""
	}
	return r.list.Path(c) + "." + r.f.Path(c)
}

// name is the row's model path (ingress[].protocol for an item row).
func (r row) name() string {
	if r.list == nil {
		return r.f.Model
	}
	return r.list.Model + "[]." + r.f.Model
}

// value reads the row's model value from an entity's JSON: the first item's,
// for an item row.
func (r row) value(obj map[string]any) any {
	if r.list == nil {
		return at(obj, r.f.Model)
	}
	items, _ := at(obj, r.list.Model).([]any)
	if len(items) == 0 {
		return nil
	}
	item, _ := items[0].(map[string]any)
	return at(item, r.f.Model)
}

// rows lists every plain, modelled row of every kind, and of the items of
// its lists of objects.
func rows() (out []row) {
	for _, t := range schema.Tables() {
		if t.Kind == "" {
			continue
		}
		for i := range t.Fields {
			f := &t.Fields[i]
			if f.Model == "" || f.Custom || !f.Modelled() {
				continue
			}
			out = append(out, row{t: t, f: f})
		}
		for i := range t.Fields {
			list := &t.Fields[i]
			items := t.Items(list.Model)
			if list.Type != schema.Block || items == nil {
				continue
			}
			for j := range items.Fields {
				if f := &items.Fields[j]; !f.Custom && f.Modelled() {
					out = append(out, row{t: t, f: f, list: list})
				}
			}
		}
	}
	return out
}

func TestFieldParity(t *testing.T) {
	covered := 0
	ran := map[string]bool{} // resource types some input was written for
	for _, r := range rows() {
		ins := formats(r)
		if len(ins) == 0 {
			continue
		}
		for _, in := range ins {
			ran[in.typ] = true
		}
		t.Run(string(r.t.Kind)+"."+r.name(), func(t *testing.T) {
			v := sample(r.t, r.f)
			want := expected(r.f, v)
			for _, in := range ins {
				path := r.path(column(in.format))
				src := withContext(r.t.Kind, in.format, path, in.render(in.typ, path, v, r.list != nil))
				obj, _ := load(t, in, src, r.t.Kind)
				if got := r.value(obj); !reflect.DeepEqual(got, want) {
					t.Errorf("%s sets %s = %v: model %s is %v, want %v\n%s", in.format, path, v, r.name(), js(got), js(want), src)
				}
			}
		})
		covered++
	}
	if covered < 100 {
		t.Errorf("parity covers %d rows; the tables have more", covered)
	}
	for _, r := range listRows() { // TestListParity writes these
		for _, in := range formats(r) {
			ran[in.typ] = true
		}
	}
	for _, tbl := range schema.Tables() {
		for _, typ := range []string{tbl.AWS, tbl.AWSCC, tbl.CFN} {
			if tbl.Kind != "" && typ != "" && !ran[typ] {
				t.Errorf("no parity input sets a field of %s", typ)
			}
		}
	}
}

// listRows are the Custom reference rows read from each object of a list
// (an ECS service's vpc_lattice_configurations.target_group_arn, an Auto
// Scaling group's traffic_source.identifier, a load balancer's
// subnet_mapping.subnet_id): list.key in every column that has them.
func listRows() (out []row) {
	for _, t := range schema.Tables() {
		for i := range t.Fields {
			f := &t.Fields[i]
			if t.Kind == "" || !f.Custom || f.Type != schema.Ref || f.Model == "" || strings.Contains(f.Model, "[]") {
				continue
			}
			ok := true
			for _, c := range []schema.Column{schema.AWS, schema.AWSCC, schema.CFN} {
				if p := f.Path(c); p != "" && strings.Count(p, ".") != 1 {
					ok = false
				}
			}
			if ok && strings.Contains(f.Path(schema.CFN)+f.Path(schema.AWS), ".") {
				out = append(out, row{t: t, f: f})
			}
		}
	}
	return out
}

// TestListParity: a reference written in one object of a list gives the same
// model reference in every format (one block in hashicorp/aws, a list of one
// object in awscc and CloudFormation).
func TestListParity(t *testing.T) {
	rs := listRows()
	if len(rs) < 3 {
		t.Fatalf("list rows: %d", len(rs))
	}
	for _, r := range rs {
		t.Run(string(r.t.Kind)+"."+r.f.Path(schema.AWS)+r.f.Path(schema.CFN), func(t *testing.T) {
			lit := literalID(r.f.Kind)
			for _, in := range formats(r) {
				path := r.path(column(in.format))
				src := in.render(in.typ, path, lit, true)
				obj, ds := load(t, in, src, r.t.Kind)
				if got := js(at(obj, r.f.Model)); !strings.Contains(got, strconv.Quote(lit)) {
					t.Errorf("%s sets %s = %s: model %s is %s\n%s\n%v", in.format, path, lit, r.f.Model, got, src, ds)
				}
			}
		})
	}
}

func column(format string) schema.Column {
	return map[string]schema.Column{"aws": schema.AWS, "awscc": schema.AWSCC, "cloudformation": schema.CFN}[format]
}

// expected is the model JSON (without ranges) of a sample value. Several
// rows may fill one model list: a single value is then its one item, and an
// argument that Computes the value makes the list unknown.
func expected(f *schema.Field, v any) any {
	list := f.ModelType()
	if f.Computes {
		if list == schema.RefList || list == schema.StringList {
			return map[string]any{"known": false, "items": nil}
		}
		return map[string]any{"unknown": true}
	}
	switch {
	case f.Type == schema.Ref && list == schema.RefList:
		return map[string]any{"known": true, "items": []any{refJSON(f.Kind, v.(string))}}
	case f.Type == schema.String && list == schema.StringList:
		return map[string]any{"known": true, "items": []any{map[string]any{"value": v}}}
	}
	if s, ok := v.(string); ok && f.Norm != nil {
		v = f.Norm(s)
	}
	switch f.Type {
	case schema.Ref:
		return refJSON(f.Kind, v.(string))
	case schema.RefList:
		return map[string]any{"known": true, "items": []any{refJSON(f.Kind, v.([]any)[0].(string))}}
	case schema.StringList:
		return map[string]any{"known": true, "items": []any{map[string]any{"value": v.([]any)[0]}}}
	case schema.Int:
		return map[string]any{"value": float64(v.(int))}
	}
	return map[string]any{"value": v}
}

// refJSON is a literal reference after linking: an external entity.
func refJSON(k model.Kind, lit string) map[string]any {
	kind := model.KindOfIdentifier(lit)
	if kind == "" {
		kind = k
	}
	if kind == "" { // a value such as a DNS name, not an identifier: Link leaves it
		return map[string]any{"form": "id", "value": lit}
	}
	return map[string]any{"target": "external//" + string(kind) + "/" + lit, "kind": string(kind), "external": true,
		"form": map[bool]string{true: "arn", false: "id"}[strings.HasPrefix(lit, "arn:")], "value": lit}
}

func js(v any) string { b, _ := json.Marshal(v); return string(b) }

// TestEnumCaseParity: every row with allowed values rejects a wrong-case
// value in every format that has it, as a positioned input error with the
// same suggestion, and the model holds it as unknown.
func TestEnumCaseParity(t *testing.T) {
	covered := map[string]bool{}
	for _, tbl := range schema.Tables() {
		if tbl.Kind == "" {
			continue
		}
		for i := range tbl.Fields {
			f := &tbl.Fields[i]
			if len(f.Enum) == 0 || f.Custom {
				continue
			}
			right := f.Enum[0]
			wrong := strings.ToLower(right)
			if wrong == right {
				wrong = strings.ToUpper(right)
			}
			for _, in := range formats(row{t: tbl, f: f}) {
				name := fmt.Sprintf("%s.%s/%s", tbl.Kind, f.Path(column(in.format)), in.format)
				t.Run(name, func(t *testing.T) {
					src := withContext(tbl.Kind, in.format, f.Path(column(in.format)), in.render(in.typ, f.Path(column(in.format)), wrong, false))
					obj, ds := load(t, in, src, tbl.Kind)
					var msgs []string
					found := false
					for _, d := range ds {
						msgs = append(msgs, d.String())
						if d.Severity == diag.Error && d.Range.Start.Line > 0 &&
							strings.Contains(d.String(), fmt.Sprintf("did you mean %q?", right)) &&
							strings.Contains(d.String(), fmt.Sprintf("%q is not one of", wrong)) {
							found = true
						}
					}
					if !found {
						t.Errorf("%q: no positioned error suggesting %q:\n%s", wrong, right, strings.Join(msgs, "\n"))
					}
					if f.Model != "" {
						if got := at(obj, f.Model); !reflect.DeepEqual(got, map[string]any{"unknown": true}) {
							t.Errorf("model %s = %s, want unknown", f.Model, js(got))
						}
					}
				})
				covered[in.format] = true
			}
		}
	}
	var got []string
	for k := range covered {
		got = append(got, k)
	}
	sort.Strings(got)
	if strings.Join(got, ",") != "aws,awscc,cloudformation" {
		t.Errorf("enum checks ran in %v, want every format", got)
	}
}
