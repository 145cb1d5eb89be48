package ruledoc

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestBlock(t *testing.T) {
	tf := strings.Split(`# header
resource "a" "x" {
  name = "x"

  nested {
    v = 1
  }
}
data "b" "y" {}
resource "c" "z" {
  k = 1
}`, "\n")
	yaml := strings.Split(`Resources:
  SN:
    Type: AWS::VpcLattice::ServiceNetwork
    Properties:
      Name: sn
  # the service
  Svc: { Type: AWS::VpcLattice::Service }
Outputs:
  X: 1`, "\n")
	json := strings.Split(`{
  "Resources": {
    "SN": {
      "Type": "AWS::VpcLattice::ServiceNetwork"
    },
    "Svc": {
      "Type": "AWS::VpcLattice::Service"
    }
  }
}`, "\n")
	tests := []struct {
		name     string
		lines    []string
		file     string
		n        int
		from, to int
	}{
		{"tf inner line", tf, "main.tf", 6, 2, 8},
		{"tf header", tf, "main.tf", 2, 2, 8},
		{"tf one-line block", tf, "main.tf", 9, 9, 9},
		{"tf last block", tf, "main.tf", 11, 10, 12},
		{"tf comment outside blocks", tf, "main.tf", 1, 1, 1},
		{"yaml property", yaml, "t.yaml", 5, 2, 5},
		{"yaml flow resource", yaml, "t.yaml", 7, 7, 7},
		{"json property", json, "t.json", 4, 3, 5},
		{"json second resource", json, "t.json", 7, 6, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := block(tt.lines, resourceIndent(tt.lines, tt.file), tt.n)
			if from != tt.from || to != tt.to {
				t.Errorf("block(%d) = %d..%d, want %d..%d", tt.n, from, to, tt.from, tt.to)
			}
		})
	}
}

func TestAddedLines(t *testing.T) {
	tests := []struct {
		a, b string
		want []int
	}{
		{"x\ny\nz", "x\ny\nz", nil},
		{"x\nz", "x\ny\nz", []int{2}},
		{"x\ny\nz", "x\nY\nz", []int{2}},
		{"x\ny", "x\n\ny", nil}, // a blank line is no fix
		{"", "a\nb", []int{1, 2}},
	}
	for _, tt := range tests {
		got := addedLines(strings.Split(tt.a, "\n"), strings.Split(tt.b, "\n"))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("addedLines(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestExamplesFor cuts examples from a two-format fixture tree: Terraform is
// preferred, the reported block is marked, the fix is found in another file
// of the negative case.
func TestExamplesFor(t *testing.T) {
	fsys := fstest.MapFS{
		"rules/LAT-X-001/positive/terraform/expected.txt": {Data: []byte(
			"LAT-X-001 warning a.x fixtures/rules/LAT-X-001/positive/terraform/apps/main.tf:3:3\n" +
				"LAT-OTHER-001 info b.y fixtures/rules/LAT-X-001/positive/terraform/apps/main.tf:1:1\n")},
		"rules/LAT-X-001/positive/terraform/apps/main.tf": {Data: []byte("# bad\nresource \"a\" \"x\" {\n  v = 1\n}\n")},
		"rules/LAT-X-001/positive/terraform/net/main.tf":  {Data: []byte("resource \"n\" \"n\" {}\n")},
		"rules/LAT-X-001/negative/terraform/expected.txt": {Data: []byte("\n")},
		"rules/LAT-X-001/negative/terraform/apps/main.tf": {Data: []byte("# good\nresource \"a\" \"x\" {\n  v = 1\n}\n")},
		"rules/LAT-X-001/negative/terraform/net/main.tf":  {Data: []byte("resource \"n\" \"n\" {}\n\nresource \"share\" \"s\" {\n  p = 2\n}\n")},
		"rules/LAT-X-001/positive/cloudformation/expected.txt": {Data: []byte(
			"LAT-X-001 warning X fixtures/rules/LAT-X-001/positive/cloudformation/t.yaml:2:3\n")},
		"rules/LAT-X-001/positive/cloudformation/t.yaml": {Data: []byte("Resources:\n  X: {}\n")},
	}
	ex, err := ExamplesFor(fsys, "LAT-X-001")
	if err != nil {
		t.Fatal(err)
	}
	want := Examples{
		Bad: &Example{Format: "terraform", Files: []File{{Path: "fixtures/rules/LAT-X-001/positive/terraform/apps/main.tf", Lines: []Line{
			{1, "# bad", MarkNone}, {2, `resource "a" "x" {`, MarkNone}, {3, "  v = 1", MarkFinding}, {4, "}", MarkNone},
		}}}},
		Good: &Example{Format: "terraform", Files: []File{
			{Path: "fixtures/rules/LAT-X-001/negative/terraform/apps/main.tf", Lines: []Line{
				{1, "# good", MarkNone}, {2, `resource "a" "x" {`, MarkNone}, {3, "  v = 1", MarkNone}, {4, "}", MarkNone},
			}},
			{Path: "fixtures/rules/LAT-X-001/negative/terraform/net/main.tf", Lines: []Line{
				{3, `resource "share" "s" {`, MarkFix}, {4, "  p = 2", MarkFix}, {5, "}", MarkFix},
			}},
		}},
	}
	if !reflect.DeepEqual(ex, want) {
		t.Errorf("ExamplesFor =\n%+v\n%+v\nwant\n%+v\n%+v", ex.Bad, ex.Good, want.Bad, want.Good)
	}
	none, err := ExamplesFor(fsys, "LAT-NONE-001")
	if err != nil || none.Bad != nil || none.Good != nil {
		t.Errorf("a rule without fixtures: %+v, %v", none, err)
	}
}
