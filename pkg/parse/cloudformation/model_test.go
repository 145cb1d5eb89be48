package cloudformation

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// TestModelGolden compares the linked model of each template in testdata/model
// with its golden JSON (go test -update rewrites them).
func TestModelGolden(t *testing.T) {
	for _, f := range globFiles(t, "testdata/model/*.yaml", "testdata/model/*.template.json") {
		t.Run(filepath.Base(f), func(t *testing.T) {
			opts := Options{Root: "testdata/model"}
			if strings.Contains(f, "network") {
				opts.Attribute = testAttribution
			}
			m, res := parseFiles(t, opts, f)
			for _, d := range res.Diagnostics {
				t.Errorf("unexpected diagnostic: %s", d)
			}
			got, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(strings.TrimSuffix(f, ".json"), ".yaml") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("model differs from %s (run go test -update and review the diff)", golden)
			}
		})
	}
}

func TestResourceConditions(t *testing.T) {
	m, _ := parseFiles(t, Options{Root: "testdata"}, "testdata/conditions/conditions.yaml")
	for id, want := range map[string]string{
		"conditions/conditions.yaml//SN":       "present",
		"conditions/conditions.yaml//ProdOnly": "present",
		"conditions/conditions.yaml//DevOnly":  "absent",
		"conditions/conditions.yaml//Maybe":    "conditional",
	} {
		e := m.Get(id)
		got := "absent"
		if e != nil {
			got = "present"
			if e.Base().Conditional {
				got = "conditional"
			}
		}
		if got != want {
			t.Errorf("%s: %s, want %s", id, got, want)
		}
	}
}

// TestNetworkEntities spells out the conventions the rules rely on.
func TestNetworkEntities(t *testing.T) {
	m, res := parseFiles(t, Options{Root: "testdata/model", Attribute: testAttribution}, "testdata/model/network.yaml")
	if len(res.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %v", res.Diagnostics)
	}
	id := func(s string) string { return "network.yaml//" + s }
	vpc := m.Get(id("Vpc")).(*model.VPC)
	if got := len(vpc.CIDRs.Items); got != 3 || vpc.CIDRs.Items[1].Known || !model.Is(vpc.CIDRs.Items[2], "10.5.0.0/16") {
		t.Errorf("VPC CIDRs with VPCCidrBlock folded = %+v", vpc.CIDRs.Items)
	}
	if sub := m.Get(id("SubnetA")).(*model.Subnet); !model.Is(sub.CIDR, "10.0.0.0/24") {
		t.Errorf("subnet CIDR from Fn::Cidr of GetAtt Vpc.CidrBlock = %+v", sub.CIDR)
	}
	tsg := m.Get(id("TargetSG")).(*model.SecurityGroup)
	if !tsg.RulesKnown || len(tsg.Ingress) != 2 {
		t.Fatalf("target SG: rules known %v, %d ingress", tsg.RulesKnown, len(tsg.Ingress))
	}
	if pl := tsg.Ingress[0].PrefixLists.Items[0]; pl.Known() || pl.Kind != model.KindPrefixList {
		t.Errorf("prefix list from a parameter without value must be unknown: %+v", pl)
	}
	if r := tsg.Ingress[1]; !model.Is(r.Protocol, "tcp") || !model.Is(r.FromPort, 8080) || !model.Is(r.CIDRsCoverLattice, true) {
		t.Errorf("numeric protocol and string ports: %+v", r)
	}
	if len(tsg.Egress) != 1 || !tsg.Egress[0].Protocol.Default {
		t.Errorf("SecurityGroupEgress: [] keeps the default egress rule: %+v", tsg.Egress)
	}
	csg := m.Get(id("ClientSG")).(*model.SecurityGroup)
	if len(csg.Ingress) != 1 || !model.Is(csg.Ingress[0].Self, true) {
		t.Errorf("standalone self rule folded into the client SG: %+v", csg.Ingress)
	}
	if m.Get(id("S3Endpoint")) != nil {
		t.Error("a gateway endpoint is not part of the topology")
	}
	ep := m.Get(id("Endpoint")).(*model.VPCEndpoint)
	if !ep.ServiceNetwork.External || ep.ServiceNetwork.Kind != model.KindServiceNetwork {
		t.Errorf("endpoint SN ARN literal becomes an external: %+v", ep.ServiceNetwork)
	}
	share := m.Get(id("Share")).(*model.ResourceShare)
	if !share.AllowExternalPrincipals.Known || !share.AllowExternalPrincipals.Value || !share.AllowExternalPrincipals.Default {
		t.Errorf("AllowExternalPrincipals defaults to true in CloudFormation: %+v", share.AllowExternalPrincipals)
	}
	if !share.Complete || len(share.Principals) != 2 || !model.Is(share.Principals[0], "444455556666") {
		t.Errorf("share principals: %+v", share.Principals)
	}
	if r := share.Resources[0]; !r.External || !strings.Contains(r.Literal.Value, ":111122223333:") {
		t.Errorf("share resource with ${AWS::AccountId}: %+v", r)
	}
	ecs := m.Get(id("Ecs")).(*model.ECSService)
	if ecs.TargetGroups[0].Target != id("EcsTG") {
		t.Errorf("ECS lattice target group: %+v", ecs.TargetGroups)
	}
	if tg := m.Get(id("EcsTG")).(*model.TargetGroup); len(tg.DynamicSources) != 1 {
		t.Errorf("ECS service is a dynamic source of its TG: %+v", tg.DynamicSources)
	}
	perm := m.Get(id("Permission")).(*model.LambdaPermission)
	if perm.Function.Target != id("Fn") || perm.SourceARN.Target != id("FnTG") || perm.SourceARN.Kind != model.KindTargetGroup {
		t.Errorf("permission refs: %+v %+v", perm.Function, perm.SourceARN)
	}
	target := m.Get(id("FnTG.Targets[0]")).(*model.Target)
	if target.Target.Target != id("Fn") || target.Target.Attribute != "Alias" {
		t.Errorf("SAM Ref Fn.Alias targets the function: %+v", target.Target)
	}
	lb := m.Get(id("Alb")).(*model.LoadBalancer)
	if !model.Is(lb.Internal, true) || len(lb.Listeners) != 1 {
		t.Errorf("ALB: internal %+v, listeners %v", lb.Internal, lb.Listeners)
	}
	if in := m.Get(id("Instance")).(*model.Instance); in.SecurityGroups.Items[0].Target != id("TargetSG") {
		t.Errorf("instance SG: %+v", in.SecurityGroups)
	}
	for _, e := range m.Entities() {
		if b := e.Base(); b.Kind != model.KindExternal && (!model.Is(b.Account, "111122223333") || !model.Is(b.Region, "eu-west-1")) {
			t.Errorf("%s: account/region from the attribution: %+v %+v", b.ID, b.Account, b.Region)
		}
	}
}
