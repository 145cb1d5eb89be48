// Package lint runs the whole flow once: read configuration, parse every input
// into one model, evaluate the policies, and assemble a report. The CLI and the
// diagram command both start here, so they see the same model and findings.
package lint

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/parse"
	"github.com/lattice-lint/lattice-lint/pkg/report"
	"github.com/lattice-lint/lattice-lint/pkg/rules"
)

// Options for one run.
type Options struct {
	// Paths to lint (files or folders); default ".".
	Paths []string
	// Root is the directory paths are reported relative to (default: working directory).
	Root string
	// ConfigFile is --config; when empty, .lattice-lint.yaml in Root is used if present.
	ConfigFile string
	// PolicyDirs are extra policy folders (--policy).
	PolicyDirs []string
	// Terraform variables.
	Vars     []string
	VarFiles []string
	// CloudFormation parameters: Name=Value pairs and parameter files.
	CFNParams     []string
	CFNParamFiles []string
	// Timeout bounds policy evaluation (0 = none).
	Timeout time.Duration
	// SkipRules builds the model only (the `model` command).
	SkipRules bool
	// MaxFileSize and MaxInstances bound the input (0 = defaults).
	MaxFileSize       int64
	MaxInstances      int
	MaxTotalInstances int
	MaxModuleDepth    int
	// AllowOutsideRoot lets local module sources leave the root.
	AllowOutsideRoot bool
	// Version is the tool version written into reports.
	Version string
	// Engine reuses a compiled policy engine (benchmarks, servers); nil compiles one.
	Engine *rules.Engine
}

// Result of a run.
type Result struct {
	Model   *model.Model
	Report  *report.Report
	Config  *config.Config
	Sources map[string][]byte
}

// UsageError is a problem with the arguments, the configuration file or the
// policies: nothing was linted. The CLI exits 2 on it.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usage(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

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
	cfg, err := loadConfig(opts.ConfigFile, root, opts.Paths)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	params, err := cfnParams(opts.CFNParams)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	for _, v := range opts.Vars {
		if k, _, ok := strings.Cut(v, "="); !ok || k == "" {
			return nil, usage("--var %q: want name=value", v)
		}
	}
	for flag, files := range map[string][]string{"--var-file": opts.VarFiles, "--cfn-params": opts.CFNParamFiles} {
		for _, f := range files {
			if _, err := os.Stat(f); err != nil {
				return nil, usage("%s: %v", flag, err)
			}
		}
	}
	for _, p := range opts.Paths {
		if _, err := os.Stat(p); err != nil {
			return nil, usage("%v", err)
		}
	}

	engine := opts.Engine
	if engine == nil && !opts.SkipRules {
		dirs := append(cfg.PolicyDirs(), opts.PolicyDirs...)
		engine, err = rules.NewEngine(ctx, rules.Options{PolicyDirs: dirs, Timeout: opts.Timeout})
		if err != nil {
			return nil, &UsageError{Err: err}
		}
	}

	pr, err := parse.Load(ctx, opts.Paths, parse.Options{Root: root, Vars: opts.Vars, VarFiles: opts.VarFiles,
		CFNParams: params, CFNParamFiles: opts.CFNParamFiles, Config: cfg, MaxFileSize: opts.MaxFileSize, MaxInstances: opts.MaxInstances,
		MaxTotalInstances: opts.MaxTotalInstances, MaxModuleDepth: opts.MaxModuleDepth, AllowOutsideRoot: opts.AllowOutsideRoot})
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	rep := &report.Report{Version: opts.Version, Diagnostics: pr.Diagnostics, Files: pr.Files,
		Entities: pr.Model.Len(), Root: root}
	res := &Result{Model: pr.Model, Report: rep, Config: cfg, Sources: pr.Sources}
	if opts.SkipRules {
		return res, nil
	}
	findings, err := engine.Evaluate(ctx, pr.Model)
	if err != nil {
		return nil, fmt.Errorf("evaluating policies: %w", err)
	}
	ran, findings, err := applySettings(engine.Rules(), findings, cfg)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	rep.Rules, rep.Findings = ran, findings
	return res, nil
}

// loadConfig reads --config, else .lattice-lint.yaml in the root, else the one
// in the folder being linted when a single folder is given (so an example
// folder carries its own account mapping).
func loadConfig(explicit, root string, paths []string) (*config.Config, error) {
	if explicit != "" {
		return config.Load(explicit)
	}
	candidates := []string{filepath.Join(root, config.DefaultFile)}
	if len(paths) == 1 {
		if st, err := os.Stat(paths[0]); err == nil && st.IsDir() {
			candidates = append(candidates, filepath.Join(paths[0], config.DefaultFile))
		}
	}
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			return config.Load(c)
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("config: %w", err)
		}
	}
	return nil, nil
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

// cfnParams reads --cfn-param Name=Value pairs (they override parameter files).
func cfnParams(pairs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--cfn-param %q: want Name=Value", p)
		}
		out[k] = v
	}
	return out, nil
}
