// Package lint runs the whole flow once: read configuration, parse every input
// into one model, evaluate the policies, and assemble a report. The CLI and the
// diagram command both start here, so they see the same model and findings.
package lint

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/parse"
	"github.com/lattice-lint/lattice-lint/pkg/report"
	"github.com/lattice-lint/lattice-lint/pkg/rules"
	"github.com/lattice-lint/lattice-lint/pkg/safefile"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// Options for one run.
type Options struct {
	// Settings are what the user asked for (flags); the configuration file
	// adds to them. Zero limits take their defaults.
	Settings settings.Settings
	// Root is the directory paths are reported relative to (default: working directory).
	Root string
	// SkipRules builds the model only (the `model` command).
	SkipRules bool
	// Version is the tool version written into reports.
	Version string
	// Engine reuses a compiled policy engine (benchmarks, servers); nil compiles one.
	Engine *rules.Engine
	// Today is the date suppressions expire against (YYYY-MM-DD); "" = today, UTC.
	Today string
}

// Result of a run.
type Result struct {
	Model   *model.Model
	Report  *report.Report
	Config  *config.Config
	Sources map[string][]byte
	// Suppressions are the in-code suppressions of the inputs (what a native
	// export writes as ignore lists).
	Suppressions []suppress.Suppression
	// Tree is the boundary the inputs were read within, with the record of
	// every file read: reports are written with it (safefile.Write).
	Tree *safefile.Tree
	// Engine is the policy engine the run evaluated (nil with SkipRules):
	// analyses over the same model (reach) prepare their queries on it.
	Engine *rules.Engine
}

// UsageError is a problem with the arguments, the configuration file or the
// policies: nothing was linted. The CLI exits 2 on it.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Run lints the inputs. Input problems (syntax errors, unreadable files) are
// diagnostics in the report, not errors: the other files are still linted.
func Run(ctx context.Context, opts Options) (*Result, error) {
	root := opts.Root
	if root == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		root = wd
	}
	s := opts.Settings
	s.Limits = s.Limits.OrDefault()
	for _, p := range s.Paths {
		if p == "-" {
			return nil, &UsageError{Err: fmt.Errorf("reading standard input (-) is not supported: save the template or module to a file and name it (a Terraform module is a folder)")}
		}
	}
	paths := s.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	tree := safefile.NewTree(paths, s.Terraform.ModulesOutsideRoot)
	readAny := func(p string) ([]byte, error) { return tree.ReadAny(p, s.Limits.MaxFileSize) }
	cfg, err := loadConfig(s.ConfigFile, root, s.Paths, readAny)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	// The configuration may come from the pull request: the policy folders it
	// names stay inside the tree. --policy folders are the user's.
	for _, d := range cfg.PolicyDirs() {
		if err := tree.Check(d); err != nil {
			return nil, &UsageError{Err: fmt.Errorf("config: policies: %w", err)}
		}
	}
	policyTree := tree.With(s.PolicyDirs...)
	if err := s.Check(); err != nil {
		return nil, &UsageError{Err: err}
	}
	// The configuration's policy folders come first, then --policy.
	s.PolicyDirs = append(cfg.PolicyDirs(), s.PolicyDirs...)

	var data rules.ConfigData
	if cfg != nil {
		data = rules.ConfigData{Quotas: cfg.Quotas.Overrides(), RequiredTags: cfg.RequiredTags}
	}
	engine := opts.Engine
	switch {
	case opts.SkipRules:
	case engine == nil:
		engine, err = rules.NewEngine(ctx, rules.Options{PolicyDirs: s.PolicyDirs, Timeout: s.Timeout, Config: data,
			ReadFile: func(p string) ([]byte, error) { return policyTree.ReadFile(p, s.Limits.MaxFileSize) }})
		if err != nil {
			return nil, &UsageError{Err: err}
		}
	case !data.Empty():
		// A reused engine was compiled without this configuration's data.
		if engine, err = engine.WithConfig(ctx, data); err != nil {
			return nil, err
		}
	}

	pr, err := parse.Load(ctx, s.Paths, parse.Options{Root: root, Config: cfg, Terraform: s.Terraform,
		CloudFormation: s.CloudFormation, Limits: s.Limits, Tree: tree})
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	if pr.Files == 0 && len(pr.Diagnostics) == 0 {
		// A typo'd path, `lint main.hcl`, a folder without infrastructure
		// code: "checked 0 files" and exit 0 would pass a check that read
		// nothing. (A run with diagnostics, such as a named file the
		// configuration ignores, has told the user why already.)
		return nil, &UsageError{Err: fmt.Errorf("no Terraform or CloudFormation input in %s: nothing was linted (lattice-lint reads .tf and .tf.json files and CloudFormation templates in .yaml, .yml, .json and .template files)",
			strings.Join(paths, ", "))}
	}
	rep := &report.Report{Version: opts.Version, Diagnostics: pr.Diagnostics, Files: pr.Files,
		Entities: pr.Model.Len(), Root: root}
	res := &Result{Model: pr.Model, Report: rep, Config: cfg, Sources: pr.Sources, Suppressions: pr.Suppressions, Tree: tree}
	if opts.SkipRules {
		return res, nil
	}
	res.Engine = engine
	findings, err := engine.Evaluate(ctx, pr.Model)
	if err != nil {
		return nil, fmt.Errorf("evaluating policies: %w", err)
	}
	all := append(engine.Rules(), suppress.Rules()...)
	ran, findings, err := applySettings(all, findings, cfg)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	rep.Rules = ran
	applySuppressions(rep, findings, pr, all, cfg, opts.Today)
	return res, nil
}

// applySettings applies the config's rule switches: a disabled rule is dropped
// from the rules that ran and from the findings; a severity setting replaces the
// rule's default severity, so findings the rule itself raised or lowered from
// its default (LAT-COR-001 is info on a shared service, LAT-SEC-005 an error on
// a shared network) keep their own. A setting for a rule that does not exist is
// an error: a misspelt id would otherwise switch nothing off, silently.
func applySettings(all []finding.Rule, fs []finding.Finding, cfg *config.Config) ([]finding.Rule, []finding.Finding, error) {
	if cfg == nil || len(cfg.Rules) == 0 {
		return all, fs, nil
	}
	defaults := make(map[string]finding.Severity, len(all))
	var ran []finding.Rule
	for _, r := range all {
		defaults[r.ID] = r.Severity
		if s, ok := cfg.Rules[r.ID]; ok && s.Enabled != nil && !*s.Enabled {
			continue
		}
		ran = append(ran, r)
	}
	var unknown []string
	for id := range cfg.Rules {
		if _, ok := defaults[id]; !ok {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, nil, fmt.Errorf("config: rules: no rule with id %s (see lattice-lint rules)", strings.Join(unknown, ", "))
	}
	out := fs[:0]
	for _, f := range fs {
		s := cfg.Rules[f.RuleID]
		if s.Enabled != nil && !*s.Enabled {
			continue
		}
		if s.Severity != "" && f.Severity == defaults[f.RuleID] {
			f.Severity = finding.Severity(s.Severity)
		}
		out = append(out, f)
	}
	for i := range ran {
		if s := cfg.Rules[ran[i].ID]; s.Severity != "" {
			ran[i].Severity = finding.Severity(s.Severity)
		}
	}
	return ran, out, nil
}
