// Package scalegen writes large synthetic multi-account VPC Lattice trees for
// benchmarks and scaling tests, in Terraform and as the CloudFormation twin of
// the same topology: a network root (account 111111111111) owning a service
// network shared through AWS RAM, and service roots in three or more other
// accounts, each holding many complete services (service, auth policy, access
// logs, association, listener, rule, target group, instance target, security
// group). Large trees spread their services over more networks and accounts,
// as an organisation would, so that no quota warning fires (see plan).
//
// Every fifth service carries one planted defect, in turn from Defects, and
// the returned Tree says how many findings of each rule that plants: the rest
// of the tree is clean, so a run must report exactly Tree.Planted.
package scalegen

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	// PerNetwork is how many services a service network and a service
	// account hold at most; 0 means DefaultPerNetwork. Larger trees get more
	// networks and accounts.
	PerNetwork int
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

const region = "eu-west-1"

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
	l := plan(spec)
	w := &writer{t: Tree{Dir: dir, Format: f, Planted: map[string]int{}}}
	var cfg strings.Builder
	cfg.WriteString("# Generated by internal/scalegen: who owns each root.\naccounts:\n")
	for k, accounts := range l.sharedWith() {
		fmt.Fprintf(&cfg, "  - path: %s\n    account: %q\n    region: %s\n", networkRootPath(k), networkAccount(k), region)
		network, n := networkRoot(f, k, accounts)
		w.t.Resources += n
		w.file(filepath.Join(dir, networkRootPath(k), fileName(f, "main")), network)
	}
	i := 0
	for r, root := range l.roots {
		name := fmt.Sprintf("services-%03d", r)
		fmt.Fprintf(&cfg, "  - path: %s\n    account: %q\n    region: %s\n", name, root.account, region)
		var stack strings.Builder
		if f == Terraform {
			w.file(filepath.Join(dir, name, "main.tf"), servicesHeader(f, root.network))
		} else {
			stack.WriteString(servicesHeader(f, root.network))
		}
		w.t.Resources += servicesHeaderResources[f]
		for k := 0; k < root.services; k, i = k+1, i+1 {
			s, planted := newService(i, root.account)
			for id, n := range planted {
				w.t.Planted[id] += n
			}
			w.t.Services++
			if f == Terraform {
				var b strings.Builder
				w.t.Resources += s.terraform(&b)
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

// layout is where a tree's services go: how many each root holds, which
// account owns the root and which service network its services join.
type layout struct {
	roots    []root
	networks int
}

type root struct {
	services int
	account  string
	network  int
}

// plan lays out the services of spec. The plan counts Terraform resources
// whatever the format, so both formats of one Spec hold the same services.
// Roots are dealt to the service accounts in turn, and consecutive roots
// share a service network, so that no network and no account holds more than
// spec.PerNetwork services however large the tree: a real organisation
// spreads its services so (a network account each network: one literal ARN
// names the one network of an account), and the tree stays under the warning line of
// LAT-QTA-002 and LAT-QTA-003 at every size.
func plan(spec Spec) layout {
	if spec.PerRoot <= 0 {
		spec.PerRoot = 100
	}
	if spec.PerNetwork <= 0 {
		spec.PerNetwork = DefaultPerNetwork
	}
	var sizes []int
	_, tfCount := networkRoot(Terraform, 0, serviceAccounts)
	for i := 0; tfCount < spec.Resources; {
		tfCount += servicesHeaderResources[Terraform]
		n := 0
		for ; n < spec.PerRoot && tfCount < spec.Resources; n, i = n+1, i+1 {
			s, _ := newService(i, "")
			tfCount += s.terraform(&strings.Builder{})
		}
		sizes = append(sizes, n)
	}
	perGroup := max(1, spec.PerNetwork/spec.PerRoot) // roots an account or a network holds
	accounts := max(len(serviceAccounts), (len(sizes)+perGroup-1)/perGroup)
	l := layout{networks: max(1, (len(sizes)+perGroup-1)/perGroup)}
	for r, n := range sizes {
		l.roots = append(l.roots, root{services: n, account: serviceAccount(r % accounts), network: r / perGroup})
	}
	return l
}

// sharedWith lists, per service network, the accounts whose roots join it
// (the principals of its RAM share), in order; a tree without services still
// shares its one network with the service accounts.
func (l layout) sharedWith() [][]string {
	if len(l.roots) == 0 {
		return [][]string{serviceAccounts}
	}
	shares := make([][]string, l.networks)
	for _, r := range l.roots {
		if !slices.Contains(shares[r.network], r.account) {
			shares[r.network] = append(shares[r.network], r.account)
		}
	}
	return shares
}

// DefaultPerNetwork is how many services a service network and a service
// account hold at most: under 80 % of the 500 service associations of a
// network (LAT-QTA-002) and of the 500 target groups of an account in a
// Region (LAT-QTA-003), the lines where those rules warn.
const DefaultPerNetwork = 300

// serviceAccount is the k-th service account: the first three are
// serviceAccounts, then as many more as the tree needs.
func serviceAccount(k int) string {
	if k < len(serviceAccounts) {
		return serviceAccounts[k]
	}
	return fmt.Sprintf("5%011d", k)
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
	network, n := networkRoot(Terraform, 0, serviceAccounts)
	b.WriteString(network)
	b.WriteString(fmt.Sprintf(tfServicesBody, networkARN(0)))
	t.Resources = n + servicesHeaderResources[Terraform]
	for i := 0; i < SingleFileServices && t.Resources < resources; i++ {
		s, planted := newService(i, networkAccount(0))
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
