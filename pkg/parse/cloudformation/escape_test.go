package cloudformation

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
)

// TestEscapes: an entity whose reference a template writes where the model
// cannot follow it (an SSM parameter, a secret, a nested stack's parameters,
// an output, plain or exported, unless the export is imported by a template
// of the run) is marked escaped; one only read inside the model is not.
func TestEscapes(t *testing.T) {
	const sn = "Resources:\n  SN: {Type: AWS::VpcLattice::ServiceNetwork}\n  Other: {Type: AWS::VpcLattice::ServiceNetwork}\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string // escaped entity IDs
	}{
		{"ssm parameter getatt", map[string]string{"a.yaml": sn +
			"  P:\n    Type: AWS::SSM::Parameter\n    Properties: {Type: String, Value: !GetAtt SN.Arn}\n"},
			[]string{"a.yaml//SN"}},
		{"ssm parameter sub", map[string]string{"a.yaml": sn +
			"  P:\n    Type: AWS::SSM::Parameter\n    Properties: {Type: String, Value: !Sub \"arn=${SN.Arn};id=${SN}\"}\n"},
			[]string{"a.yaml//SN"}},
		{"ssm parameter sub variable", map[string]string{"a.yaml": sn +
			"  P:\n    Type: AWS::SSM::Parameter\n    Properties: {Type: String, Value: !Sub [\"${Other}-${X}\", {Other: x, X: !Ref SN}]}\n"},
			[]string{"a.yaml//SN"}},
		{"secret join", map[string]string{"a.yaml": sn +
			"  S:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      SecretString: {\"Fn::Join\": [\"\", [\"{\\\"sn\\\": \\\"\", {Ref: SN}, \"\\\"}\"]]}\n"},
			[]string{"a.yaml//SN"}},
		{"nested stack parameters", map[string]string{"a.yaml": sn +
			"  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://example.com/child.yaml\n      Parameters: {Net: !Select [0, [!GetAtt SN.Id]]}\n"},
			[]string{"a.yaml//SN"}},
		{"export not imported and plain output", map[string]string{"a.yaml": sn +
			"Outputs:\n  SN: {Value: !Ref SN, Export: {Name: core-sn}}\n  Plain: {Value: !Ref Other}\n"},
			[]string{"a.yaml//SN", "a.yaml//Other"}},
		{"plain output only", map[string]string{"a.yaml": sn +
			"Outputs:\n  Plain: {Value: !GetAtt Other.Arn}\n"},
			[]string{"a.yaml//Other"}},
		{"export imported in the run", map[string]string{"a.yaml": sn +
			"Outputs:\n  SN: {Value: !Ref SN, Export: {Name: core-sn}}\n",
			"b.yaml": "Resources:\n  P:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !ImportValue core-sn}\n"},
			nil},
		{"import written to a sink", map[string]string{"a.yaml": sn +
			"Outputs:\n  SN: {Value: !Ref SN, Export: {Name: core-sn}}\n",
			"b.yaml": "Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties: {Type: String, Value: !ImportValue core-sn}\n"},
			[]string{"a.yaml//SN"}},
		{"sink whose condition is false", map[string]string{"a.yaml": "Conditions:\n  Never: !Equals [a, b]\n" + sn +
			"  P:\n    Type: AWS::SSM::Parameter\n    Condition: Never\n    Properties: {Type: String, Value: !Ref SN}\n"},
			nil},
		{"custom resource properties", map[string]string{"a.yaml": sn +
			"  Reg:\n    Type: Custom::RegisterTargets\n    Properties: {ServiceToken: x, Network: !GetAtt SN.Arn}\n"},
			[]string{"a.yaml//SN"}},
		{"other properties of a sink", map[string]string{"a.yaml": sn +
			"  P:\n    Type: AWS::SSM::Parameter\n    Properties: {Type: String, Value: x, Description: !Ref SN}\n"},
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var files []string
			for name, src := range tc.files {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
				files = append(files, p)
			}
			sort.Strings(files)
			m, res := parseFiles(t, Options{Root: dir}, files...)
			if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
				t.Fatalf("errors: %q", errs)
			}
			var got []string
			for _, e := range m.Entities() {
				if e.Base().Escaped {
					got = append(got, e.Base().ID)
				}
			}
			if len(got) != len(tc.want) || (len(got) > 0 && !slices.Equal(got, tc.want)) {
				t.Errorf("escaped = %v, want %v", got, tc.want)
			}
		})
	}
}
