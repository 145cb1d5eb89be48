package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
)

const snHeader = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n"

// TestDiagnostics checks that bad input is reported at its exact line and column.
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            []string // "line:col severity substring"
	}{
		{"duplicate key", "t.yaml", snHeader + "  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties:\n      Name: a\n      Name: b\n",
			[]string{`7:7 error duplicate mapping key "Name" (first at line 6, column 7)`}},
		{"duplicate resource", "t.yaml", snHeader + "  SN: {Type: AWS::VpcLattice::ServiceNetwork}\n  SN: {Type: AWS::VpcLattice::Service}\n",
			[]string{`4:3 error duplicate mapping key "SN"`}},
		{"tab indentation", "t.yaml", snHeader + "  SN:\n\tType: AWS::VpcLattice::ServiceNetwork\n",
			[]string{"4:1 error tab character in indentation"}},
		{"unknown intrinsic", "t.yaml", snHeader + "  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties:\n      Name: {\"Fn::Foo\": x}\n",
			[]string{`6:14 error unknown intrinsic function "Fn::Foo"`}},
		{"unknown tag", "t.yaml", snHeader + "  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties:\n      Name: !Foo x\n",
			[]string{`6:13 error unknown YAML tag "!Foo"`}},
		{"wrong property type", "t.yaml", snHeader + "  L:\n    Type: AWS::VpcLattice::Listener\n    Properties:\n      Protocol: HTTP\n      Port: [80]\n      DefaultAction: {FixedResponse: {StatusCode: 404}}\n",
			[]string{"7:13 error AWS::VpcLattice::Listener L: property Port: expected a number, got a list"}},
		{"number as string converts", "t.yaml", snHeader + "  L:\n    Type: AWS::VpcLattice::Listener\n    Properties:\n      Protocol: HTTP\n      Port: \"8080\"\n      DefaultAction: {FixedResponse: {StatusCode: \"404\"}}\n",
			nil},
		{"not a number", "t.yaml", snHeader + "  L:\n    Type: AWS::VpcLattice::Listener\n    Properties:\n      Protocol: HTTP\n      Port: eighty\n      DefaultAction: {FixedResponse: {StatusCode: 404}}\n",
			[]string{`7:13 error property Port: expected a number, got "eighty"`}},
		{"dangling ref", "t.yaml", snHeader + "  A:\n    Type: AWS::VpcLattice::ServiceNetworkServiceAssociation\n    Properties:\n      ServiceIdentifier: !Ref Nope\n",
			[]string{`6:26 error Ref to undeclared parameter or resource "Nope"`}},
		{"dangling getatt", "t.yaml", snHeader + "  A:\n    Type: AWS::VpcLattice::ServiceNetworkServiceAssociation\n    Properties:\n      ServiceIdentifier: !GetAtt Nope.Arn\n",
			[]string{`6:26 error Fn::GetAtt of undeclared resource "Nope"`}},
		{"dangling sub variable", "t.yaml", snHeader + "  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties:\n      Name: !Sub \"${Nope}-sn\"\n",
			[]string{"6:13 error Fn::Sub: ${Nope} names no parameter, resource or variable"}},
		{"dangling ref in unmodelled resource", "t.yaml", snHeader + "  SN: {Type: AWS::VpcLattice::ServiceNetwork}\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Ref Missing}\n",
			[]string{`6:29 error Ref to undeclared parameter or resource "Missing"`}},
		{"sub of a short-form intrinsic", "t.yaml", "Parameters:\n  Env: {Type: String, Default: prod}\n" + snHeader[len("AWSTemplateFormatVersion: \"2010-09-09\"\n"):] + "  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties:\n      Name: !Sub [!Ref Env, {}]\n",
			[]string{"7:19 error Fn::Sub: the string must be literal text, not !Ref"}},
		{"long-form sub of a short-form intrinsic", "t.yaml", "Parameters:\n  Env: {Type: String, Default: prod}\n" + snHeader[len("AWSTemplateFormatVersion: \"2010-09-09\"\n"):] + "  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties:\n      Name: {Fn::Sub: !GetAtt X.Y}\n",
			[]string{"7:23 error Fn::Sub: the string must be literal text, not !GetAtt"}},
		{"json sub of an intrinsic", "t.json", "{\"Parameters\": {\"Env\": {\"Type\": \"String\", \"Default\": \"prod\"}},\n\"Resources\": {\"SN\": {\"Type\": \"AWS::VpcLattice::ServiceNetwork\",\n  \"Properties\": {\"Name\": {\"Fn::Sub\": {\"Ref\": \"Env\"}}}}}}\n",
			[]string{"3:26 error Fn::Sub takes a string or [string, {variables}]"}},
		{"undeclared condition", "t.yaml", snHeader + "  SN: {Type: AWS::VpcLattice::ServiceNetwork, Condition: Nope}\n",
			[]string{`3:58 error undeclared condition "Nope"`}},
		{"condition cycle", "t.yaml", "Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\n" + snHeader[len("AWSTemplateFormatVersion: \"2010-09-09\"\n"):] + "  SN: {Type: AWS::VpcLattice::ServiceNetwork, Condition: A}\n",
			[]string{`2:3 error condition "A" depends on itself`}},
		{"unknown lattice property", "t.yaml", snHeader + "  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties:\n      Nme: x\n",
			[]string{"6:7 error AWS::VpcLattice::ServiceNetwork SN: unknown property Nme"}},
		{"unknown nested property", "t.yaml", snHeader + "  TG:\n    Type: AWS::VpcLattice::TargetGroup\n    Properties:\n      Type: IP\n      Config: {Port: 80, Protocol: HTTP, HealthCheck: {Enable: false}}\n",
			[]string{"7:56 error AWS::VpcLattice::TargetGroup TG: unknown property Config.HealthCheck.Enable"}},
		{"missing required", "t.yaml", snHeader + "  L:\n    Type: AWS::VpcLattice::Listener\n    Properties: {Protocol: HTTP}\n",
			[]string{"3:3 error AWS::VpcLattice::Listener L: required property DefaultAction is missing"}},
		{"enum case", "t.yaml", snHeader + "  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties: {AuthType: aws_iam}\n",
			[]string{`5:28 error AWS::VpcLattice::ServiceNetwork SN: property AuthType: "aws_iam" is not one of NONE, AWS_IAM (values are case-sensitive); did you mean "AWS_IAM"?`}},
		{"select out of range", "t.yaml", snHeader + "  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties:\n      Name: !Select [3, [a, b]]\n",
			[]string{"6:13 error Fn::Select: index 3 is out of range for a list of 2"}},
		{"dependson", "t.yaml", snHeader + "  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    DependsOn: [Ghost]\n",
			[]string{`5:17 error DependsOn names undeclared resource "Ghost"`}},
		{"foreach without transform", "t.yaml", snHeader + "  Fn::ForEach::X:\n    - N\n    - [a]\n    - \"SN${N}\": {Type: AWS::VpcLattice::ServiceNetwork}\n  SN: {Type: AWS::VpcLattice::ServiceNetwork}\n",
			[]string{"3:3 error Fn::ForEach::X requires the AWS::LanguageExtensions transform"}},
		{"null resource", "t.yaml", snHeader + "  SN: {Type: AWS::VpcLattice::ServiceNetwork}\n  Other:\n",
			[]string{"4:9 error resource Other must be a mapping"}},
		{"null key beside a nested Fn::ForEach is skipped", "t.yaml", "Transform: AWS::LanguageExtensions\n" + snHeader +
			"  Fn::ForEach::A:\n    - X\n    - [a]\n    - '${X}':\n      Fn::ForEach::B:\n        - Y\n        - [b]\n        - 'SN${X}${Y}': {Type: AWS::VpcLattice::ServiceNetwork}\n",
			nil},
		{"allowed values", "t.yaml", "Parameters:\n  Env: {Type: String, Default: qa, AllowedValues: [prod, dev]}\n" + snHeader[len("AWSTemplateFormatVersion: \"2010-09-09\"\n"):] + "  SN: {Type: AWS::VpcLattice::ServiceNetwork}\n",
			[]string{`2:32 error parameter Env: value "qa" is not one of its AllowedValues`}},
		{"undefined vpc id", "t.yaml", "Parameters:\n  Vpc: {Type: \"AWS::EC2::VPC::Id\", Default: undefined}\n" + snHeader[len("AWSTemplateFormatVersion: \"2010-09-09\"\n"):] + "  SN: {Type: AWS::VpcLattice::ServiceNetwork}\n",
			[]string{`2:45 warning parameter Vpc: value "undefined" is not a valid AWS::EC2::VPC::Id`}},
		{"unknown section", "t.yaml", snHeader + "  SN: {Type: AWS::VpcLattice::ServiceNetwork}\nResource: {}\n",
			[]string{`4:1 error unknown top-level section "Resource"`}},
		{"condition function in property", "t.yaml", snHeader + "  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties: {Name: !Equals [a, b]}\n",
			[]string{"5:24 error Fn::Equals can only be used in the Conditions section"}},
		{"both actions", "t.yaml", snHeader + "  L:\n    Type: AWS::VpcLattice::Listener\n    Properties:\n      Protocol: HTTP\n      DefaultAction:\n        FixedResponse: {StatusCode: 404}\n        Forward: {TargetGroups: []}\n",
			[]string{"8:9 error DefaultAction must have exactly one of Forward and FixedResponse"}},
		{"invalid json", "t.json", "{\n  \"Resources\": {\n    \"SN\": {\"Type\": \"AWS::VpcLattice::ServiceNetwork\",}\n  }\n}\n",
			[]string{"3:54 error invalid JSON: expected a string key"}},
		{"json duplicate key", "t.json", "{\"Resources\": {\n  \"SN\": {\"Type\": \"AWS::VpcLattice::ServiceNetwork\",\n         \"Type\": \"AWS::VpcLattice::Service\"}}}\n",
			[]string{`3:10 error duplicate mapping key "Type"`}},
		{"json wrong type", "t.json", "{\"Resources\": {\"TG\": {\"Type\": \"AWS::VpcLattice::TargetGroup\",\n  \"Properties\": {\"Type\": \"IP\", \"Config\": {\"Port\": {\"a\": 1}}}}}}\n",
			[]string{"2:51 error AWS::VpcLattice::TargetGroup TG: property Config.Port: expected a number, got a mapping"}},
		{"invalid yaml in a template", "t.yaml", snHeader + "  SN: {Type: AWS::VpcLattice::ServiceNetwork\n",
			[]string{"2:1 error invalid YAML"}}, // yaml.v3 reports the line before a flow collection it cannot close
		{"broken non-template yaml is skipped", "ci.yml", "on: [push\njobs: {build: {runs-on: ubuntu-latest}\n",
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			f := filepath.Join(dir, tc.file)
			if err := os.WriteFile(f, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, res := parseFiles(t, Options{Root: dir}, f)
			var got []string
			for _, d := range res.Diagnostics {
				if d.Severity == diag.Note {
					continue
				}
				if d.Range.File != tc.file {
					t.Errorf("diagnostic names file %q, want %q", d.Range.File, tc.file)
				}
				got = append(got, fmt.Sprintf("%d:%d %s %s", d.Range.Start.Line, d.Range.Start.Column, d.Severity, d.Summary))
			}
			for _, w := range tc.want {
				found := false
				for _, g := range got {
					if pos, rest, _ := strings.Cut(w, " "); strings.HasPrefix(g, pos+" ") {
						sev, msg, _ := strings.Cut(rest, " ")
						if strings.HasPrefix(g, pos+" "+sev+" ") && strings.Contains(g, msg) {
							found = true
						}
					}
				}
				if !found {
					t.Errorf("missing diagnostic %q; got %q", w, got)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("got %d diagnostics %q, want %d", len(got), got, len(tc.want))
			}
		})
	}
}
