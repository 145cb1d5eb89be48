package terraform

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// loadSuppressions writes files to a temporary root and returns the
// suppressions Load extracts, one line each:
// "<comment position> <scope> <address> <target start> ids [problems]".
func loadSuppressions(t *testing.T, files map[string]string) []string {
	t.Helper()
	dir := writeFiles(t, files)
	res := Load(context.Background(), []string{dir}, Options{Root: dir}, model.New())
	var out []string
	for _, s := range res.Suppressions {
		line := fmt.Sprintf("%s %s %s %d:%d %s", s.Range, s.Scope, s.Address, s.Target.Start.Line, s.Target.Start.Column,
			strings.Join(s.RuleIDs, ","))
		if len(s.Problems) > 0 {
			line += " [" + strings.Join(s.Problems, "; ") + "]"
		}
		out = append(out, line)
	}
	return out
}

func TestSuppressionComments(t *testing.T) {
	got := loadSuppressions(t, map[string]string{
		"main.tf": `# Network of the orders team.
# lattice-lint:ignore-file LAT-OBS-001 -- logs are collected by the shared account

# lattice-lint:ignore LAT-SEC-005 until=2027-06-30 -- internal only
resource "aws_vpclattice_service" "orders" {
  name = "orders"
  // lattice-lint:ignore LAT-SEC-005 -- the attribute form
  auth_type = "NONE"
  /* lattice-lint:ignore LAT-COR-001 -- a nested block */
  dynamic "x" {
    for_each = []
    content {}
  }
}

# A description comment between the directive and the block is fine:
# lattice-lint:ignore LAT-SEC-005 -- module call
# owned by the platform team
module "app" {
  source = "./modules/app"
}

# lattice-lint:ignore LAT-COR-001 -- data source
data "aws_vpclattice_service" "ext" {
  name = "ext"
}

# lattice-lint:ignore LAT-COR-001 -- dangling: a blank line follows

resource "aws_vpclattice_service_network" "sn" {
  name = "sn" # lattice-lint:ignore LAT-COR-001 -- trailing comment, nothing below
}
# lattice-lint:ignore-file LAT-SEC-005 -- too late for a file-level one
`,
		"modules/app/main.tf": `# lattice-lint:ignore LAT-SEC-005 -- inside the module
resource "aws_vpclattice_service" "this" {
  name = "svc"
}
`,
	})
	want := []string{
		"main.tf:2:1 file  0:0 LAT-OBS-001",
		"main.tf:4:1 entity aws_vpclattice_service.orders 5:1 LAT-SEC-005",
		"main.tf:7:3 attribute aws_vpclattice_service.orders.auth_type 8:3 LAT-SEC-005",
		"main.tf:9:3 attribute aws_vpclattice_service.orders.dynamic 10:3 LAT-COR-001",
		"main.tf:17:1 module module.app 19:1 LAT-SEC-005",
		"main.tf:23:1 entity data.aws_vpclattice_service.ext 24:1 LAT-COR-001",
		"main.tf:28:1 unknown  0:0 LAT-COR-001 [not directly above a block, attribute or module call: put it on the line(s) right above what it suppresses]",
		"main.tf:31:15 unknown  0:0 LAT-COR-001 [not directly above a block, attribute or module call: put it on the line(s) right above what it suppresses]",
		"main.tf:33:1 file  0:0 LAT-SEC-005 [ignore-file must be in the comments at the top of the file, before any code]",
		"modules/app/main.tf:1:1 entity aws_vpclattice_service.this 2:1 LAT-SEC-005",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("suppressions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSuppressionRanges: the target spans the whole block, and the
// comment's own range ends on its line (no newline).
func TestSuppressionRanges(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf": "# lattice-lint:ignore LAT-SEC-005 -- ü\nresource \"aws_vpclattice_service\" \"s\" {\n  name = \"s\"\n}\n"})
	res := Load(context.Background(), []string{dir}, Options{Root: dir}, model.New())
	if len(res.Suppressions) != 1 {
		t.Fatalf("%d suppressions", len(res.Suppressions))
	}
	s := res.Suppressions[0]
	if s.Scope != suppress.Entity || s.Target.Start != (model.Pos{Line: 2, Column: 1}) || s.Target.End != (model.Pos{Line: 4, Column: 2}) {
		t.Errorf("target %v %+v, want the block 2:1-4:2", s.Scope, s.Target)
	}
	if s.Range.Start != (model.Pos{Line: 1, Column: 1}) || s.Range.End != (model.Pos{Line: 1, Column: 39}) {
		t.Errorf("comment range %+v, want 1:1-1:39 (code points, no newline)", s.Range)
	}
	if s.Reason != "ü" {
		t.Errorf("reason %q", s.Reason)
	}
}
