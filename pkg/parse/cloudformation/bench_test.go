package cloudformation

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// generateTemplate writes a template of about n resources: services with a
// listener, a target group with targets, associations and security groups,
// using short and long intrinsics and conditions.
func generateTemplate(n int) string {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Env: {Type: String, Default: prod}\n  Unset: {Type: String}\n")
	b.WriteString("Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n  Maybe: !And [!Condition IsProd, !Equals [!Ref Unset, x]]\n")
	b.WriteString("Resources:\n  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties: {Name: bench, AuthType: AWS_IAM}\n")
	b.WriteString("  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}\n")
	for i := 0; len(strings.Split(b.String(), "\n    Type:"))-1 < n; i++ {
		fmt.Fprintf(&b, `  Svc%[1]d:
    Type: AWS::VpcLattice::Service
    Properties: {Name: !Sub "svc-%[1]d-${Env}"}
  Assoc%[1]d:
    Type: AWS::VpcLattice::ServiceNetworkServiceAssociation
    Condition: Maybe
    Properties: {ServiceIdentifier: !GetAtt Svc%[1]d.Arn, ServiceNetworkIdentifier: {Ref: SN}}
  TG%[1]d:
    Type: AWS::VpcLattice::TargetGroup
    Properties:
      Type: IP
      Config: {Port: 8080, Protocol: HTTP, VpcIdentifier: !Ref Vpc, HealthCheck: {Path: /health}}
      Targets: [{Id: 10.0.%[2]d.%[3]d, Port: 8080}]
  Listener%[1]d:
    Type: AWS::VpcLattice::Listener
    Properties:
      Protocol: !If [IsProd, HTTPS, HTTP]
      ServiceIdentifier: !Ref Svc%[1]d
      DefaultAction: {Forward: {TargetGroups: [{TargetGroupIdentifier: !Ref TG%[1]d}]}}
  SG%[1]d:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Join [" ", [targets, "%[1]d"]]
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 169.254.171.0/24}]
`, i, i/250, i%250+1)
	}
	return b.String()
}

func BenchmarkParse2000(b *testing.B) {
	dir := b.TempDir()
	p := filepath.Join(dir, "big.yaml")
	src := generateTemplate(2000)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		m := model.New()
		res := Parse(context.Background(), []string{p}, Options{Root: dir}, m)
		if len(res.Diagnostics) > 0 || m.Len() < 2000 {
			b.Fatalf("%d entities, diagnostics %v", m.Len(), res.Diagnostics)
		}
		m.Link()
	}
}

// TestGeneratedTemplate keeps the benchmark's input honest (it parses cleanly).
func TestGeneratedTemplate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "gen.yaml")
	if err := os.WriteFile(p, []byte(generateTemplate(60)), 0o644); err != nil {
		t.Fatal(err)
	}
	m, res := parseFiles(t, Options{Root: dir}, p)
	if len(res.Diagnostics) > 0 {
		t.Fatal(res.Diagnostics)
	}
	conditional := 0
	for _, a := range m.ServiceAssociations {
		if a.Conditional {
			conditional++
		}
	}
	if conditional != len(m.ServiceAssociations) || conditional == 0 {
		t.Errorf("%d of %d associations conditional", conditional, len(m.ServiceAssociations))
	}
	for _, l := range m.Listeners {
		if !model.Is(l.Protocol, "HTTPS") {
			t.Errorf("%s protocol %+v", l.ID, l.Protocol)
		}
	}
}
