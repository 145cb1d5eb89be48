package cloudformation

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

func suppressionLines(res Result) []string {
	var out []string
	for _, s := range res.Suppressions {
		line := fmt.Sprintf("%d:%d %s %s %s until=%s reason=%q", s.Range.Start.Line, s.Range.Start.Column, s.Scope, s.Entity,
			strings.Join(s.RuleIDs, ","), s.Until, s.Reason)
		if len(s.Problems) > 0 {
			line += " [" + strings.Join(s.Problems, "; ") + "]"
		}
		out = append(out, line)
	}
	return out
}

func TestSuppressionMetadata(t *testing.T) {
	yamlSrc := `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::VpcLattice::Service
    Metadata:
      lattice-lint:
        ignore:
          - id: LAT-SEC-005
            reason: internal only, callers use mTLS
            until: 2027-06-30
          - {id: [LAT-OBS-001, LAT-COR-001], reason: "logs go to the shared account"}
    Properties: {Name: orders}
  Network:
    Type: AWS::VpcLattice::ServiceNetwork
    Metadata:
      cfn-lint: {config: {ignore_checks: [W1001]}}
      lattice-lint:
        ignore:
          - id: LAT-SEC-005
          - {id: LAT-OBS-001, reason: x, until: 30.06.2027, owner: me}
          - just-a-string
        skip: true
    Properties: {Name: net}
  Broken:
    Type: AWS::VpcLattice::ServiceNetwork
    Metadata:
      lattice-lint: [LAT-SEC-005]
`
	jsonSrc := `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {
  "Orders": {"Type": "AWS::VpcLattice::Service",
    "Metadata": {"lattice-lint": {"ignore": [
      {"id": "LAT-SEC-005", "reason": "internal only", "until": "2027-06-30"}]}},
    "Properties": {"Name": "orders"}}}}
`
	_, ypath := writeTemp(t, "stack.yaml", yamlSrc)
	_, jpath := writeTemp(t, "stack.json", jsonSrc)
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"yaml", ypath, []string{
			`8:13 entity stack.yaml//Orders LAT-SEC-005 until=2027-06-30 reason="internal only, callers use mTLS"`,
			`11:13 entity stack.yaml//Orders LAT-OBS-001,LAT-COR-001 until= reason="logs go to the shared account"`,
			`19:13 entity stack.yaml//Network LAT-SEC-005 until= reason="" [no reason: add reason: why this finding is accepted]`,
			`20:13 entity stack.yaml//Network LAT-OBS-001 until=30.06.2027 reason="x" [unknown key "owner" (want id, reason, until); until "30.06.2027" is not a date (want YYYY-MM-DD)]`,
			`21:13 entity stack.yaml//Network  until= reason="" [an ignore entry must be a mapping {id, reason, until}]`,
			`22:9 entity stack.yaml//Network  until= reason="" [unknown key Metadata.lattice-lint.skip (want ignore)]`,
			`27:7 entity stack.yaml//Broken  until= reason="" [Metadata.lattice-lint must be a mapping with an ignore list]`,
		}},
		{"json", jpath, []string{
			`4:7 entity stack.json//Orders LAT-SEC-005 until=2027-06-30 reason="internal only"`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, res := parseFiles(t, Options{Root: filepath.Dir(tc.path)}, tc.path)
			got := suppressionLines(res)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("suppressions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for _, s := range res.Suppressions {
				if s.Scope != suppress.Entity || s.Range.File == "" || s.Target.File != s.Range.File {
					t.Errorf("suppression %+v: want an entity scope positioned in the template", s)
				}
			}
		})
	}
}
