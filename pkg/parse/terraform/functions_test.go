package terraform

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// evalLocals declares a root holding src and returns its scope, so tests can
// read local values as the front end computes them.
func evalLocals(t *testing.T, src string) *scope {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	l := newLoader(context.Background(), Options{Root: dir}, model.New())
	l.preParse([]string{dir})
	l.declareRoot(dir)
	if len(l.roots) != 1 {
		t.Fatalf("root not declared: %v", l.diags)
	}
	return l.roots[0].scope
}

// describe renders a value for comparison: its GoString when wholly known,
// "unknown" or "ref:<address>.<attr>" (a single reference mark) otherwise.
func describe(v cty.Value) string {
	if v.IsWhollyKnown() {
		u, _ := v.UnmarkDeep()
		return u.GoString()
	}
	if v.IsKnown() {
		return "partly unknown"
	}
	var refs []string
	for m := range v.Marks() {
		if rm, ok := m.(refMark); ok {
			refs = append(refs, "ref:"+rm.Addr+"."+rm.Attr)
		}
	}
	switch len(refs) {
	case 0:
		return "unknown"
	case 1:
		return refs[0]
	}
	return "ambiguous"
}

func TestExpressionSemantics(t *testing.T) {
	s := evalLocals(t, `
variable "unknown" {}
variable "unknown_list" { type = list(string) }
variable "flag" { type = bool }
variable "services" {
  default = { orders = { port = 80 }, billing = { port = 81 } }
}
resource "aws_vpclattice_service" "a" { name = "a" }
resource "aws_vpclattice_service" "b" { name = "b" }
resource "aws_vpclattice_service" "many" {
  for_each = var.services
  name     = each.key
}
resource "aws_vpclattice_service" "maybe" {
  count = var.unknown
  name  = "m"
}
locals {
  one_of       = one(["x"])
  one_none     = one([])
  flat         = flatten([["a"], ["b", ["c"]]])
  product      = setproduct(["a", "b"], ["1"])
  zipped       = zipmap(["k1", "k2"], ["v1", "v2"])
  coalesced    = coalesce("", null, "z")
  element_wrap = element(["a", "b"], 3)
  keys_of      = keys(var.services)
  values_of    = [for v in values(var.services) : v.port]
  template     = "%{ for k in keys(var.services) }${k};%{ endfor }%{ if length(var.services) > 1 }many%{ else }few%{ endif }"
  splat        = [for s in values(aws_vpclattice_service.many) : s.name]
  for_map      = { for k, v in var.services : v.port => k if v.port > 80 }
  lookup2      = lookup({ a = "x" }, "a")
  lookup_null  = lookup({}, "a", null)

  unknown_coalesce = coalesce(var.unknown, "default")
  unknown_try      = try(var.unknown.x, "default")
  unknown_lookup   = lookup(var.unknown, "k", "default")
  unknown_cond     = var.flag ? "a" : "b"
  unknown_one      = one(var.unknown_list)
  unknown_flatten  = flatten([var.unknown_list])
  unknown_template = "%{ for x in var.unknown_list }${x}%{ endfor }"
  unknown_for      = [for x in var.unknown_list : upper(x)]
  unknown_length   = length(var.unknown_list) > 0 ? "some" : "none"

  ref_try         = try(aws_vpclattice_service.many["nope"].arn, aws_vpclattice_service.a.arn)
  ref_try_first   = try(aws_vpclattice_service.many["orders"].arn, null)
  ref_cond_known  = true ? aws_vpclattice_service.a.arn : aws_vpclattice_service.b.arn
  ref_cond_false  = false ? aws_vpclattice_service.a.arn : aws_vpclattice_service.b.arn
  ref_cond_unk    = var.flag ? aws_vpclattice_service.a.arn : aws_vpclattice_service.b.arn
  ref_cond_null   = var.flag ? null : aws_vpclattice_service.a.id
  ref_element     = element([aws_vpclattice_service.a.arn, aws_vpclattice_service.b.arn], 1)
  ref_one         = one([aws_vpclattice_service.a.id])
  ref_lookup      = lookup(aws_vpclattice_service.many, "billing").id
  ref_splat       = aws_vpclattice_service.maybe[*].id
  ref_maybe_index = aws_vpclattice_service.maybe[0].arn
  ref_coalesce    = coalesce(null, aws_vpclattice_service.b.id)
  ref_nested_cond = var.flag ? (true ? aws_vpclattice_service.a.id : aws_vpclattice_service.b.id) : null
  err_in_branch   = length([]) > 0 ? [][0] : "safe"
  key             = "orders"
  ref_dynamic_idx = aws_vpclattice_service.many[local.key].custom_computed_id
  ref_for_attr    = [for s in aws_vpclattice_service.many : s.other_computed_id][0]
}
`)
	tests := []struct{ local, want string }{
		{"one_of", `cty.StringVal("x")`},
		{"one_none", `cty.NullVal(cty.DynamicPseudoType)`},
		{"flat", `cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b"), cty.StringVal("c")})`},
		{"product", `cty.ListVal([]cty.Value{cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("1")}), cty.TupleVal([]cty.Value{cty.StringVal("b"), cty.StringVal("1")})})`},
		{"zipped", `cty.ObjectVal(map[string]cty.Value{"k1":cty.StringVal("v1"), "k2":cty.StringVal("v2")})`},
		{"coalesced", `cty.StringVal("z")`},
		{"element_wrap", `cty.StringVal("b")`},
		{"keys_of", `cty.TupleVal([]cty.Value{cty.StringVal("billing"), cty.StringVal("orders")})`},
		{"values_of", `cty.TupleVal([]cty.Value{cty.NumberIntVal(81), cty.NumberIntVal(80)})`},
		{"template", `cty.StringVal("billing;orders;many")`},
		{"splat", `cty.TupleVal([]cty.Value{cty.StringVal("billing"), cty.StringVal("orders")})`},
		{"for_map", `cty.ObjectVal(map[string]cty.Value{"81":cty.StringVal("billing")})`},
		{"lookup2", `cty.StringVal("x")`},
		{"lookup_null", `cty.NullVal(cty.DynamicPseudoType)`},

		{"unknown_coalesce", "unknown"},
		{"unknown_try", "unknown"},
		{"unknown_lookup", "unknown"},
		{"unknown_cond", "unknown"},
		{"unknown_one", "unknown"},
		{"unknown_flatten", "unknown"},
		{"unknown_template", "unknown"},
		{"unknown_for", "unknown"},
		{"unknown_length", "unknown"},

		{"ref_try", "ref:aws_vpclattice_service.a.arn"},
		{"ref_try_first", `ref:aws_vpclattice_service.many["orders"].arn`},
		{"ref_cond_known", "ref:aws_vpclattice_service.a.arn"},
		{"ref_cond_false", "ref:aws_vpclattice_service.b.arn"},
		{"ref_cond_unk", "ambiguous"},
		{"ref_cond_null", "ref:aws_vpclattice_service.a.id"},
		{"ref_element", "ref:aws_vpclattice_service.b.arn"},
		{"ref_one", "ref:aws_vpclattice_service.a.id"},
		{"ref_lookup", `ref:aws_vpclattice_service.many["billing"].id`},
		{"ref_splat", "ref:aws_vpclattice_service.maybe."},
		{"ref_maybe_index", "ref:aws_vpclattice_service.maybe.arn"},
		{"ref_coalesce", "ref:aws_vpclattice_service.b.id"},
		{"ref_nested_cond", "ref:aws_vpclattice_service.a.id"},
		{"err_in_branch", `cty.StringVal("safe")`},
		{"ref_dynamic_idx", `ref:aws_vpclattice_service.many["orders"].custom_computed_id`},
		{"ref_for_attr", `ref:aws_vpclattice_service.many["billing"].other_computed_id`},
	}
	for _, tt := range tests {
		t.Run(tt.local, func(t *testing.T) {
			got := describe(s.local(tt.local, hcl.Range{}))
			if got != tt.want {
				t.Errorf("local.%s = %s, want %s", tt.local, got, tt.want)
			}
		})
	}
	for _, d := range s.l.diags {
		t.Errorf("unexpected diagnostic: %s", d)
	}
}

func TestConditionalBranchErrorsKeepTheirRange(t *testing.T) {
	s := evalLocals(t, "locals {\n  x = true ? [][0] : \"fine\"\n}\n")
	if v := s.local("x", hcl.Range{}); v.IsKnown() {
		t.Errorf("a failing chosen branch is unknown, got %#v", v)
	}
	if len(s.l.diags) != 1 || s.l.diags[0].Subject == nil || s.l.diags[0].Subject.Start.Column != 16 ||
		s.l.diags[0].Summary != "Invalid index" {
		t.Errorf("want the branch's own diagnostic at column 16, got %v", s.l.diags)
	}
}

func TestMoreFunctions(t *testing.T) {
	s := evalLocals(t, `
resource "aws_vpclattice_service" "a" { name = "a" }
locals {
  subnets   = cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)
  v6        = cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16)
  transpose = transpose({ a = ["1", "2"], b = ["2"] })
  matched   = matchkeys(["i-1", "i-2", "i-3"], ["a", "b", "a"], ["a"])
  ref       = nonsensitive(sensitive(aws_vpclattice_service.a.arn))
  encoded   = urlencode("a b&c")
}
`)
	for local, want := range map[string]string{
		"subnets":   `cty.ListVal([]cty.Value{cty.StringVal("10.1.0.0/20"), cty.StringVal("10.1.16.0/20"), cty.StringVal("10.1.32.0/24"), cty.StringVal("10.1.48.0/20")})`,
		"v6":        `cty.ListVal([]cty.Value{cty.StringVal("fd00:fd12:3456:7800::/72"), cty.StringVal("fd00:fd12:3456:7800:100::/72")})`,
		"transpose": `cty.MapVal(map[string]cty.Value{"1":cty.ListVal([]cty.Value{cty.StringVal("a")}), "2":cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})})`,
		"matched":   `cty.ListVal([]cty.Value{cty.StringVal("i-1"), cty.StringVal("i-3")})`,
		"ref":       "ref:aws_vpclattice_service.a.arn",
		"encoded":   `cty.StringVal("a+b%26c")`,
	} {
		if got := describe(s.local(local, hcl.Range{})); got != want {
			t.Errorf("local.%s = %s, want %s", local, got, want)
		}
	}
	for _, d := range s.l.diags {
		t.Errorf("unexpected diagnostic: %s", d)
	}
}
