package diagram

import (
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// twoNetworks: a service joins both networks; another joins none.
func twoNetworks(t testing.TB) (*model.Model, []finding.Finding) {
	f := newFx(t, "two/main.tf")
	r := "us-east-1"
	vpc := f.vpc("app", "10.0.0.0/16", "", r)
	a := f.sn("alpha", "AWS_IAM", "", r)
	b := f.sn("beta", "AWS_IAM", "", r)
	shared := f.svc("shared", "shared", "AWS_IAM", "", r)
	onlyB := f.svc("only-b", "only-b", "AWS_IAM", "", r)
	lonely := f.svc("lonely", "lonely", "NONE", "", r)
	f.assoc("shared-a", a, ref(shared), "", r)
	f.assoc("shared-b", b, ref(shared), "", r)
	f.assoc("only-b", b, ref(onlyB), "", r)
	tg := f.tg("shared", "IP", vpc, "", r, "10.0.0.1")
	f.listener(shared, "l", "HTTPS", 443, forward(map[string]int{tg: 100}, tg), "", r)
	f.find("LAT-SEC-005", finding.SeverityError, lonely, "auth NONE")
	f.find("LAT-SEC-006", finding.SeverityWarning, onlyB, "no policy")
	return f.done()
}

func TestSplitByServiceNetwork(t *testing.T) {
	m, fs := twoNetworks(t)
	index, parts, err := SplitByServiceNetwork(m, fs, Options{Title: "two"}, "svg")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]*Graph{}
	for _, p := range parts {
		names[p.Slug] = p.Graph
	}
	has := func(g *Graph, name string) bool {
		for _, n := range g.Nodes {
			if n.Name == name {
				return true
			}
		}
		return false
	}
	cases := []struct {
		part      string
		want, not []string
	}{
		{"sn_alpha", []string{"alpha", "shared", "shared"}, []string{"beta", "only-b", "lonely"}},
		{"sn_beta", []string{"beta", "shared", "only-b"}, []string{"alpha", "lonely"}},
		{"no_service_network", []string{"lonely"}, []string{"alpha", "beta", "shared"}},
	}
	if len(parts) != len(cases) {
		t.Fatalf("%d parts, want %d", len(parts), len(cases))
	}
	for _, c := range cases {
		g := names[c.part]
		if g == nil {
			t.Fatalf("no part %s", c.part)
		}
		for _, w := range c.want {
			if !has(g, w) {
				t.Errorf("%s: %s missing", c.part, w)
			}
		}
		for _, w := range c.not {
			if has(g, w) {
				t.Errorf("%s: %s should be in another part", c.part, w)
			}
		}
		if !strings.Contains(g.LeftOut(), "in the other diagrams of the split") {
			t.Errorf("%s: left-out line does not mention the split: %q", c.part, g.LeftOut())
		}
	}
	// Findings go with their part.
	if w, ok := names["no_service_network"].worst(names["no_service_network"].Nodes[0].Findings); !ok || w != finding.SeverityError {
		t.Error("the lonely service lost its finding")
	}
	var links []string
	for _, n := range index.Nodes {
		links = append(links, n.URL)
	}
	if strings.Join(links, ",") != "sn_alpha.svg,sn_beta.svg" {
		t.Errorf("index links = %v", links)
	}
}

// TestFocusErrors: a focus that matches nothing is an error naming what exists.
func TestFocusErrors(t *testing.T) {
	m, fs := basic(t)
	_, err := Build(m, fs, Options{Focus: "nope"})
	if err == nil || !strings.Contains(err.Error(), "orders") {
		t.Errorf("err = %v", err)
	}
	if _, err := Build(m, fs, Options{Detail: "wide"}); err == nil {
		t.Error("bad detail accepted")
	}
	if _, err := Build(m, fs, Options{Focus: "orders", Depth: -1}); err == nil {
		t.Error("negative depth accepted")
	}
	if _, err := Build(m, fs, Options{OnlyFindings: true, NoFindings: true}); err == nil {
		t.Error("only-findings with no findings accepted")
	}
	if _, err := Build(nil, nil, Options{}); err == nil {
		t.Error("nil model accepted")
	}
}
