// Package diagram draws a linked topology model and its lint findings as an
// architecture diagram.
//
// Build turns a *model.Model plus []finding.Finding into a Graph: clusters for AWS
// accounts, Regions and VPCs, nodes for service networks, services, target
// groups, associations, endpoints, resource gateways and configurations and RAM
// shares, edges between them, and every finding attached to the element it is
// about. The Graph is plain data: (*Graph).DOT and (*Graph).Mermaid write text
// deterministically, and Render produces svg, png, html, dot, mermaid or json.
//
// Layout (svg, png, html) needs Graphviz. This package never imports it: a
// Layouter does the work, either in process (package diagram/graphviz, which
// links go-graphviz and pays its WebAssembly start-up cost) or through the
// lattice-lint-render helper program (ExecLayouter). That keeps the cost off
// every binary that only lints; see docs/diagram.md.
package diagram

import "github.com/lattice-lint/lattice-lint/pkg/finding"

// SchemaVersion is the version of the JSON form of a Graph. It changes when a
// field is removed or changes meaning.
const SchemaVersion = "1"

// Detail is how much of the topology a diagram draws.
type Detail string

// Levels of detail.
const (
	// DetailOverview draws accounts, Regions, VPCs, service networks, services,
	// associations, endpoints, resource configurations and shares. Listeners
	// and target groups are counted on their service.
	DetailOverview Detail = "overview"
	// DetailService (the default) adds listeners as rows of their service and
	// target groups as nodes with their targets counted.
	DetailService Detail = "service"
	// DetailFull adds listener rules and targets as nodes and never aggregates.
	DetailFull Detail = "full"
)

// ParseDetail accepts overview, service and full.
func ParseDetail(s string) (Detail, error) {
	switch Detail(s) {
	case DetailOverview, DetailService, DetailFull:
		return Detail(s), nil
	}
	return "", errorf("unknown detail %q (want overview, service or full)", s)
}

// Graph is a diagram before layout: what is drawn, where, and which findings
// mark it. Its JSON form is the "json" output format.
type Graph struct {
	SchemaVersion string `json:"schema_version"`
	Title         string `json:"title"`
	Detail        Detail `json:"detail"`
	// Summary is the caption's first line: scope, counts, findings.
	Summary string `json:"summary"`
	// Clusters are the containers (accounts, Regions, VPCs), parents first.
	Clusters []*Cluster `json:"clusters"`
	Nodes    []*Node    `json:"nodes"`
	Edges    []*Edge    `json:"edges"`
	// Findings lists every finding given to Build, each with the element it
	// marks ("" when the element is not drawn).
	Findings []Mark `json:"findings"`
	// Omitted says what was left out or folded, and how to show it.
	Omitted []Omission `json:"omitted"`
	// Legend lists the marks the diagram uses.
	Legend []LegendItem `json:"legend"`
	// Notes are remarks for the user (a fallback that was taken, a split
	// suggestion); the CLI prints them on stderr.
	Notes []string `json:"notes,omitempty"`

	src source
}

// Cluster is a container: an AWS account, a Region, a VPC, or the area for
// entities outside the model.
type Cluster struct {
	ID string `json:"id"`
	// Kind is account, region, vpc or outside.
	Kind   string `json:"kind"`
	Label  string `json:"label"`
	Parent string `json:"parent,omitempty"`
	// Entity is the model ID of the VPC (or External VPC) the cluster stands for.
	Entity string `json:"entity,omitempty"`
	// Ghost marks a container outside the model (dashed grey).
	Ghost    bool  `json:"ghost,omitempty"`
	Findings []int `json:"findings,omitempty"`
}

// Node is one box in the diagram.
type Node struct {
	ID string `json:"id"`
	// Kind is the model kind it draws (service_network, service, target_group …).
	Kind    string `json:"kind"`
	Cluster string `json:"cluster,omitempty"`
	// Caption is the small upper-case kind line ("SERVICE").
	Caption string `json:"caption"`
	Name    string `json:"name"`
	// Entities are the model IDs the node stands for: one, or several for an
	// aggregate node.
	Entities []string `json:"entities"`
	Address  string   `json:"address,omitempty"`
	Location string   `json:"location,omitempty"`
	// Facts are neutral badges (auth type, policy, access logs, security groups).
	Facts []Fact `json:"facts,omitempty"`
	// Rows are listener rows of a service; edges may leave from their Port.
	Rows []Row `json:"rows,omitempty"`
	// Count is above 1 for an aggregate of same-shaped siblings.
	Count int `json:"count,omitempty"`
	// Ghost marks an entity referenced but not declared in the inputs.
	Ghost bool `json:"ghost,omitempty"`
	// URL links the node somewhere (the per-network file of a split index).
	URL      string `json:"url,omitempty"`
	Findings []int  `json:"findings,omitempty"`
	// Reach is reachable, blocked or unknown for what diagram --reach's
	// client reaches (MarkReach); "" otherwise.
	Reach string `json:"reach,omitempty"`
}

// Fact is a neutral badge line on a node.
type Fact struct {
	Text string `json:"text"`
	// Muted facts are absences ("no access logs"), drawn in grey.
	Muted bool `json:"muted,omitempty"`
	// Shape, when set, is Text without what names this entity alone (the
	// log group of "logs → CloudWatch /svc/orders"): siblings that differ
	// only there are still drawn as one ×n node, which shows Shape.
	Shape string `json:"-"`
}

// Row is a listener row of a service node.
type Row struct {
	Port   string `json:"port"`
	Label  string `json:"label"`
	Note   string `json:"note,omitempty"`
	Entity string `json:"entity"`
}

// Edge is one arrow.
type Edge struct {
	ID       string `json:"id"`
	From     string `json:"from"`
	FromPort string `json:"from_port,omitempty"`
	To       string `json:"to"`
	// Kind is service_association, forward, rule, target, vpc_association,
	// vpc_endpoint, resource_association, gateway or share.
	Kind  string `json:"kind"`
	Label string `json:"label,omitempty"`
	// CrossAccount is set when both ends have known, different accounts.
	CrossAccount bool `json:"cross_account,omitempty"`
	// Entities are the model IDs the edge stands for (an association), if any.
	Entities []string `json:"entities,omitempty"`
	// Count is above 1 when parallel edges were merged.
	Count    int   `json:"count,omitempty"`
	Findings []int `json:"findings,omitempty"`
}

// Mark is a finding and the diagram element (node, edge or cluster id) it marks.
type Mark struct {
	finding.Finding
	Element string `json:"element"`
}

// Omission is one part of the "left out" line.
type Omission struct {
	// Reason is detail, focus, only-findings, split or context.
	Reason string `json:"reason"`
	// Counts is entity kind → how many.
	Counts map[string]int `json:"counts"`
	// How says how to show them, or why they are never drawn.
	How string `json:"how"`
}

// LegendItem is one entry of the legend.
type LegendItem struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}
