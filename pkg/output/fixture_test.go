package output

import (
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// The fixture's sources live in testdata/src; columns below were counted in
// code points on those files.

func rng(file string, line, col, endLine, endCol int) model.Range {
	return model.Range{File: file, Start: model.Pos{Line: line, Column: col}, End: model.Pos{Line: endLine, Column: endCol}}
}

func rule(id, name, title string, sev finding.Severity) finding.Rule {
	return finding.Rule{
		ID: id, Name: name, Title: title, Severity: sev, Builtin: true,
		Description: title + ", which " + name + " detects in the topology model.",
		Remediation: "Change the configuration so that " + name + " no longer applies.",
		HelpURI:     "https://github.com/lattice-lint/lattice-lint/blob/main/docs/rules/" + id + ".md",
		Package:     "data.lattice.rules." + name,
		File:        "policies/" + name + ".rego",
	}
}

// fullReport exercises every feature of the formats: several files, a module
// call chain, related entities, tabs and wide/combining characters before the
// range, a minified one-line template, a file that is missing, a finding
// without a location from a rule without metadata, a user rule without a
// help URI, duplicate rule metadata,
// input diagnostics of every severity, and findings listed out of order.
func fullReport() *report.Report {
	cor001 := rule("LAT-COR-001", "service-not-associated", "Service is not associated with a service network", finding.SeverityError)
	cor002 := rule("LAT-COR-002", "service-without-listener", "Service has no listener", finding.SeverityError)
	cor004 := rule("LAT-COR-004", "vpc-multiple-network-associations", "VPC is associated with more than one service network", finding.SeverityError)
	sec005 := rule("LAT-SEC-005", "auth-type-none", "Service network or service allows unauthenticated access", finding.SeverityWarning)
	xac004 := rule("LAT-XAC-004", "ram-share-external-principals", "RAM share allows principals outside the organization", finding.SeverityWarning)
	obs001 := rule("LAT-OBS-001", "access-logs-missing", "Access logs are not enabled", finding.SeverityWarning)
	hyg001 := rule("LAT-HYG-001", "name-format-and-tags", "Names and tags follow the conventions", finding.SeverityInfo)
	custom := finding.Rule{
		ID: "ACME-002", Name: "team-tag", Title: "Every Lattice resource names its owning team", Severity: finding.SeverityInfo,
		Remediation: "Add a team tag.", Package: "data.acme.team_tag", File: "policies/acme/team.rego",
	}

	svcChain := []model.Frame{
		{Address: "module.app", Range: rng("main.tf", 2, 1, 4, 2)},
		{Address: "module.app.module.svc", Range: rng("modules/app/main.tf", 1, 1, 4, 2)},
	}
	appChain := svcChain[:1]

	return &report.Report{
		Version:  "0.1.0-test",
		Root:     "/work/infra",
		Files:    7,
		Entities: 23,
		Rules:    []finding.Rule{sec005, cor004, cor001, xac004, cor002, obs001, hyg001, custom, cor004},
		Diagnostics: diag.Diagnostics{
			{Severity: diag.Note, Summary: "Module call module.app expanded from ./modules/app", Range: rng("main.tf", 2, 1, 2, 13)},
			{Severity: diag.Error, Summary: "Invalid expression",
				Detail: "Expected the start of an expression, but found an invalid expression token.",
				Range:  rng("modules/broken/main.tf", 4, 15, 4, 16)},
			{Severity: diag.Warning, Summary: "Module registry.terraform.io/acme/vpc/aws is not installed",
				Detail: "Run terraform init to download it; its resources are not in the model.", Range: model.Range{File: "main.tf"}},
		},
		Findings: []finding.Finding{
			{
				RuleID: "LAT-XAC-004", Severity: finding.SeverityWarning,
				Message: `RAM share "Share" allows external principals and shares service network "ServiceNetwork"`,
				Entity:  "/work/infra/stacks/network.yaml//Share", Address: "Share", Attribute: "AllowExternalPrincipals",
				Range: rng("stacks/network.yaml", 12, 7, 12, 36),
				Related: []finding.Related{{
					Entity: "stacks/network.yaml//ServiceNetwork", Address: "ServiceNetwork",
					Message: "the shared service network", Range: rng("stacks/network.yaml", 3, 3, 3, 17),
				}},
			},
			{
				RuleID: "LAT-COR-001", Severity: finding.SeverityError,
				Message: `Service "payments" is not associated with any service network`,
				Entity:  ".//module.app.module.svc.aws_vpclattice_service.this", Address: "module.app.module.svc.aws_vpclattice_service.this",
				Range: rng("modules/svc/main.tf", 1, 1, 5, 2), CallChain: svcChain,
			},
			{
				RuleID: "LAT-HYG-001", Severity: finding.SeverityInfo,
				Message: `Tag key "owner" is not in the allowed set [team, cost-center]`,
				Entity:  ".//module.app.module.svc.aws_vpclattice_service.this", Address: "module.app.module.svc.aws_vpclattice_service.this",
				Attribute: "tags.owner", Range: rng("modules/svc/main.tf", 4, 48, 4, 61), CallChain: svcChain,
			},
			{
				RuleID: "LAT-COR-004", Severity: finding.SeverityError,
				Message: `VPC var.vpc_ids["b"] is associated with service network aws_vpclattice_service_network.main twice`,
				Entity:  `.//module.app.aws_vpclattice_service_network_vpc_association.this["b"]`,
				Address: `module.app.aws_vpclattice_service_network_vpc_association.this["b"]`,
				Range:   rng("modules/app/main.tf", 6, 1, 6, 66), CallChain: appChain,
				Related: []finding.Related{
					{
						Entity:  `.//module.app.aws_vpclattice_service_network_vpc_association.this["a"]`,
						Address: `module.app.aws_vpclattice_service_network_vpc_association.this["a"]`,
						Message: "the first association", Range: rng("modules/app/main.tf", 6, 1, 6, 66),
					},
					{
						Entity: ".//aws_vpclattice_service_network.main", Address: "aws_vpclattice_service_network.main",
						Message: "the service network", Range: rng("main.tf", 6, 1, 6, 49),
					},
				},
			},
			{
				RuleID: "LAT-SEC-005", Severity: finding.SeverityWarning,
				Message: `Service network "core" has auth_type NONE: any client in an associated VPC can call every service`,
				Entity:  ".//aws_vpclattice_service_network.main", Address: "aws_vpclattice_service_network.main",
				Attribute: "auth_type", Range: rng("main.tf", 8, 14, 8, 20),
			},
			{
				RuleID: "LAT-COR-002", Severity: finding.SeverityError,
				Message: `Service "Svc" has no listener`,
				Entity:  "stacks/min.json//Svc", Address: "Svc", Range: rng("stacks/min.json", 1, 263, 1, 269),
			},
			{
				RuleID: "LAT-OBS-001", Severity: finding.SeverityWarning,
				Message: `Service network "Mesh" has no access log subscription`,
				Entity:  "stacks/gone.yaml//Mesh", Address: "Mesh", Range: rng("stacks/gone.yaml", 7, 5, 7, 9),
			},
			{
				RuleID: "ACME-002", Severity: finding.SeverityInfo,
				Message: `Service network "core" has no team tag`,
				Entity:  ".//aws_vpclattice_service_network.main", Address: "aws_vpclattice_service_network.main",
				Attribute: "tags", Range: rng("main.tf", 6, 1, 6, 49),
			},
			{
				// A policy without METADATA: its rule is not in Rules.
				RuleID: "ACME-001", Severity: finding.SeverityWarning,
				Message: "VPC aws_vpc.a is not tagged with an environment",
				Entity:  ".//aws_vpc.a", Address: "aws_vpc.a",
			},
		},
		// One finding hidden by a comment, one by a baseline.
		Suppressed: []report.Suppressed{
			{
				Finding: finding.Finding{
					RuleID: "LAT-SEC-005", Severity: finding.SeverityWarning,
					Message: `Service "orders" has auth_type NONE: any client in a connected VPC can call it`,
					Entity:  ".//aws_vpclattice_service.orders", Address: "aws_vpclattice_service.orders",
					Attribute: "auth_type", Range: rng("main.tf", 12, 3, 12, 21),
				},
				Kind: report.InSource, Justification: "health checks from the legacy mesh; removed in Q3",
				At: rng("main.tf", 10, 1, 10, 80),
			},
			{
				Finding: finding.Finding{
					RuleID: "LAT-OBS-001", Severity: finding.SeverityWarning,
					Message: `Service network "core" has no access log subscription`,
					Entity:  ".//aws_vpclattice_service_network.main", Address: "aws_vpclattice_service_network.main",
					Range: rng("main.tf", 6, 1, 6, 49),
				},
				Kind: report.External, Justification: "recorded in baseline .lattice-lint-baseline.json",
				At: model.Range{File: ".lattice-lint-baseline.json"},
			},
		},
		Baseline: &report.BaselineUse{File: ".lattice-lint-baseline.json", Hidden: 1, Fixed: 2},
	}
}

// emptyReport is a clean run over an empty folder.
func emptyReport() *report.Report {
	return &report.Report{Version: "0.1.0-test", Root: "."}
}
