package diagram

import (
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// TestVPCAsTarget: a target that names a VPC (CloudFormation Id: !Ref Vpc)
// must not turn the VPC, already drawn as a cluster, into a node too; the
// target is drawn ghosted beside the VPC cluster, in every detail.
func TestVPCAsTarget(t *testing.T) {
	f := newFx(t, "vpc-target/main.yaml")
	r := "eu-west-1"
	vpc := f.vpc("app", "10.0.0.0/16", "", r)
	ext := f.add(&model.External{Meta: f.meta("", "vpc-0123456789abcdef0", "", r), For: model.KindVPC, Identifier: str("vpc-0123456789abcdef0")})
	sn := f.sn("core", "AWS_IAM", "", r)
	svc := f.svc("orders", "orders", "AWS_IAM", "", r)
	f.assoc("orders", sn, ref(svc), "", r)
	tg := f.tg("orders", "IP", vpc, "", r, vpc, ext)
	f.listener(svc, "http", "HTTP", 80, forward(map[string]int{tg: 100}, tg), "", r)
	m, fs := f.done()
	for _, d := range []Detail{DetailOverview, DetailService, DetailFull} {
		g, err := Build(m, fs, Options{Detail: d})
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if d != DetailFull {
			continue
		}
		ghosts := 0
		for _, n := range g.Nodes {
			for _, e := range n.Entities {
				if e == vpc || e == ext {
					t.Errorf("VPC %s drawn as node %s", e, n.ID)
				}
			}
			if n.Caption == "TARGET" && n.Ghost {
				ghosts++
			}
		}
		if ghosts != 2 {
			t.Errorf("%d ghosted targets, want 2", ghosts)
		}
	}
}
