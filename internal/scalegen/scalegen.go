// Package scalegen writes large synthetic multi-account VPC Lattice trees for
// benchmarks and scaling tests, in Terraform and as the CloudFormation twin of
// the same topology: a network root (account 111111111111) owning a service
// network shared through AWS RAM, and service roots in three other accounts,
// each holding many complete services (service, auth policy, access logs,
// association, listener, rule, target group, instance target, security group).
//
// Every fifth service carries one planted defect, in turn from Defects, and
// the returned Tree says how many findings of each rule that plants: the rest
// of the tree is clean, so a run must report exactly Tree.Planted.
package scalegen

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Format is the input language a tree is written in.
type Format string

const (
	Terraform      Format = "terraform"
	CloudFormation Format = "cloudformation"
)

// BenchSizes are the tree sizes, in resources, every stage's benchmark runs at.
var BenchSizes = []int{100, 1_000, 10_000, 100_000}

// Spec says how large a tree to write.
type Spec struct {
	// Resources is about how many resources to write: services are added
	// until the Terraform tree holds at least this many. The CloudFormation
	// twin holds the same services, in fewer resources (targets and ingress
	// rules are properties there).
	Resources int
	// PerRoot is how many services a root (Terraform folder, CloudFormation
	// template) holds; 0 means 100.
	PerRoot int
}

// Tree is what was written.
type Tree struct {
	Dir       string
	Format    Format
	Resources int
	Services  int
	Files     int
	Bytes     int64
	// Planted counts the findings each rule must report on the tree.
	Planted map[string]int
}

// Rules returns the ids of Planted in order.
func (t Tree) Rules() []string {
	ids := make([]string, 0, len(t.Planted))
	for id := range t.Planted {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Defect is one kind of mistake planted in a service, with the findings it
// must cause.
type Defect struct {
	Name    string
	Planted map[string]int
	apply   func(*service)
}

// Defects are planted in turn, one per fifth service: with 50 services or
// more, every one appears.
var Defects = []Defect{
	{"not associated with the network", map[string]int{"LAT-COR-001": 1}, func(s *service) { s.associated = false }},
	{"no listener (so its target group is unused)", map[string]int{"LAT-COR-002": 1, "LAT-COR-005": 1}, func(s *service) { s.listener = "" }},
	{"auth type NONE", map[string]int{"LAT-SEC-005": 1}, func(s *service) { s.auth, s.policy = "NONE", "" }},
	{"AWS_IAM without an auth policy", map[string]int{"LAT-SEC-006": 1}, func(s *service) { s.policy = "" }},
	{"auth policy allowing anyone", map[string]int{"LAT-SEC-008": 1}, func(s *service) { s.policy = "open" }},
	{"plaintext HTTP listener", map[string]int{"LAT-SEC-009": 1}, func(s *service) { s.listener = "HTTP" }},
	{"target security group without the Lattice prefix list", map[string]int{"LAT-SEC-001": 1}, func(s *service) { s.prefixList = false }},
	{"no access logs", map[string]int{"LAT-OBS-001": 1}, func(s *service) { s.logs = false }},
	{"two rules with one priority", map[string]int{"LAT-COR-016": 1}, func(s *service) { s.duplicateRule = true }},
	{"RAM share open to external principals", map[string]int{"LAT-XAC-004": 1}, func(s *service) { s.externalShare = true }},
}

// DefectEvery is how often a service carries a defect.
const DefectEvery = 5

const (
	networkAccount = "111111111111"
	region         = "eu-west-1"
	networkARN     = "arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-0123456789abcdef0"
)

// serviceAccounts own the service roots, in turn.
var serviceAccounts = []string{"222222222222", "333333333333", "444444444444"}

// service is one generated service; the zero defect is a clean one.
type service struct {
	i             int
	account       string
	auth          string // AWS_IAM or NONE
	policy        string // "restricted", "open" or "" (none)
	logs          bool
	associated    bool
	listener      string // HTTPS, HTTP or "" (none)
	duplicateRule bool
	prefixList    bool // targets admit the Lattice prefix list (else a CIDR only)
	externalShare bool
	// network is the Terraform expression naming the service network.
	network string
}

func newService(i int, account string) (*service, map[string]int) {
	s := &service{i: i, account: account, auth: "AWS_IAM", policy: "restricted", logs: true, associated: true,
		listener: "HTTPS", prefixList: true, network: "var.service_network_arn"}
	if i%DefectEvery != 0 {
		return s, nil
	}
	d := Defects[(i/DefectEvery)%len(Defects)]
	d.apply(s)
	return s, d.Planted
}

// Write writes the tree in format f under dir (which it creates).
func Write(dir string, f Format, spec Spec) (Tree, error) {
	if spec.PerRoot <= 0 {
		spec.PerRoot = 100
	}
	w := &writer{t: Tree{Dir: dir, Format: f, Planted: map[string]int{}}}
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "# Generated by internal/scalegen: who owns each root.\naccounts:\n  - path: network\n    account: %q\n    region: %s\n", networkAccount, region)
	network, n := networkRoot(f)
	w.t.Resources += n
	w.file(filepath.Join(dir, "network", fileName(f, "main")), network)
	// The plan counts Terraform resources whatever the format, so both
	// formats of one Spec hold the same services.
	_, tfCount := networkRoot(Terraform)
	for r, i := 0, 0; tfCount < spec.Resources; r++ {
		acct := serviceAccounts[r%len(serviceAccounts)]
		name := fmt.Sprintf("services-%03d", r)
		fmt.Fprintf(&cfg, "  - path: %s\n    account: %q\n    region: %s\n", name, acct, region)
		var stack strings.Builder
		if f == Terraform {
			w.file(filepath.Join(dir, name, "main.tf"), tfServicesHeader)
		} else {
			stack.WriteString(cfnServicesHeader)
		}
		w.t.Resources += servicesHeaderResources[f]
		tfCount += servicesHeaderResources[Terraform]
		for k := 0; k < spec.PerRoot && tfCount < spec.Resources; k, i = k+1, i+1 {
			s, planted := newService(i, acct)
			for id, n := range planted {
				w.t.Planted[id] += n
			}
			w.t.Services++
			var b strings.Builder
			n := s.terraform(&b)
			tfCount += n
			if f == Terraform {
				w.t.Resources += n
				w.file(filepath.Join(dir, name, fmt.Sprintf("svc-%05d.tf", i)), b.String())
			} else {
				w.t.Resources += s.cloudFormation(&stack)
			}
		}
		if f == CloudFormation {
			w.file(filepath.Join(dir, name, "stack.yaml"), stack.String())
		}
	}
	w.file(filepath.Join(dir, ".lattice-lint.yaml"), cfg.String())
	return w.t, w.err
}

// writer writes files and counts them, keeping the first error.
type writer struct {
	t   Tree
	err error
}

func (w *writer) file(path, text string) {
	if w.err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		w.err = err
		return
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		w.err = err
		return
	}
	w.t.Files++
	w.t.Bytes += int64(len(text))
}

func fileName(f Format, base string) string {
	if f == Terraform {
		return base + ".tf"
	}
	return base + ".yaml"
}

// SingleFileServices is how many complete services WriteSingleFile puts
// before its filler: enough for one of each defect.
const SingleFileServices = DefectEvery * 10

// WriteSingleFile writes one Terraform file of about `resources` resources
// at about 50 bytes each (200,000 resources make 9.8 MB): the network, the
// first SingleFileServices services with their defects, then VPCs, security
// groups and instances in compact one-line blocks. It is the case of a
// generated or vendored file that must parse in parallel or at least
// linearly.
func WriteSingleFile(path string, resources int) (Tree, error) {
	var b strings.Builder
	t := Tree{Dir: filepath.Dir(path), Format: Terraform, Planted: map[string]int{}}
	network, n := networkRoot(Terraform)
	b.WriteString(network)
	b.WriteString(strings.TrimPrefix(tfServicesHeader, "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n"))
	t.Resources = n + servicesHeaderResources[Terraform]
	for i := 0; i < SingleFileServices && t.Resources < resources; i++ {
		s, planted := newService(i, networkAccount)
		s.network = "aws_vpclattice_service_network.core.arn" // same account, same file
		for id, n := range planted {
			t.Planted[id] += n
		}
		b.WriteByte('\n')
		t.Resources += s.terraform(&b)
		t.Services++
	}
	for k := 0; t.Resources < resources; k++ {
		fmt.Fprintf(&b, "resource \"aws_vpc\" \"v%d\" {}\n", k)
		t.Resources++
		if t.Resources < resources {
			fmt.Fprintf(&b, "resource \"aws_security_group\" \"g%[1]d\" { vpc_id = aws_vpc.v%[1]d.id }\n", k)
			t.Resources++
		}
		if t.Resources < resources {
			fmt.Fprintf(&b, "resource \"aws_instance\" \"i%d\" { ami = \"ami-1\" }\n", k)
			t.Resources++
		}
	}
	w := &writer{t: t}
	w.file(path, b.String())
	return w.t, w.err
}
