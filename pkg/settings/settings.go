// Package settings is what one run is told: the paths, how to read them, the
// policies to add and the limits to keep. Every default is declared here once;
// the CLI registers its input flags from a Default value and hands the result
// to lint.Run, which adds what the configuration file says, and each layer
// below (parse, the Terraform and CloudFormation front ends) takes the part it
// needs instead of copying fields one by one.
package settings

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

// Defaults. The README's flag table is checked against them.
const (
	// DefaultTimeout bounds policy evaluation.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxFileSize is generous: real templates and modules stay far below it.
	DefaultMaxFileSize int64 = 10 << 20
	// DefaultMaxInstances bounds count/for_each expansion per resource or module call.
	DefaultMaxInstances = 10_000
	// DefaultMaxTotalInstances bounds resource and module instances in a run, so
	// a for_each over a large map inside a module called many times cannot
	// exhaust memory.
	DefaultMaxTotalInstances = 200_000
	// DefaultMaxModuleDepth bounds Terraform module nesting.
	DefaultMaxModuleDepth = 16
	// DefaultPolicyMemory bounds how much the heap may grow while policies
	// are evaluated (at least; twice the heap they start with, for large
	// models), so a policy that builds ever larger values stops with an error
	// instead of taking the machine's memory.
	DefaultPolicyMemory int64 = 512 << 20
	// DefaultPolicyValueBytes bounds one value a policy builds in one builtin
	// call (replace, concat, sprintf, json.marshal, numbers.range…), which
	// cannot be interrupted once started.
	DefaultPolicyValueBytes int64 = 64 << 20
	// DefaultQuotaWarnPercent is the share of a per-service-network quota
	// (VPC, service and resource associations, endpoints) from which
	// LAT-QTA-002 warns: practice alarms at 80 % so the increase is asked for
	// before a deployment fails.
	DefaultQuotaWarnPercent = 80
)

// Default value budgets (see Values). A value over 1 MiB or a million
// elements is not infrastructure configuration (EC2 user data stops at 16
// KiB, an IAM policy at 10 KiB); the run's budget keeps the
// model, the reports and the policy input (each a copy or more of the
// values) well inside a 3 GB address space.
var (
	DefaultValueBudget = Budget{Bytes: 1 << 20, Elements: 1_000_000}
	DefaultFileBudget  = Budget{Bytes: 16 << 20, Elements: 2_000_000}
	DefaultRunBudget   = Budget{Bytes: 64 << 20, Elements: 4_000_000}
)

// Budget is an amount of string bytes and collection elements.
type Budget struct {
	Bytes    int64
	Elements int
}

// Values bound what evaluation builds, in both front ends: one value (the
// result of an expression, a function call, an intrinsic function), the
// values built from one file, and those of the whole run. Elements count the
// items of lists, maps and objects, and the iterations of for expressions and
// Fn::ForEach, so nested loops stop however small the source.
type Values struct {
	Value, File, Run Budget
}

func (b Budget) orDefault(d Budget) Budget {
	if b.Bytes <= 0 {
		b.Bytes = d.Bytes
	}
	if b.Elements <= 0 {
		b.Elements = d.Elements
	}
	return b
}

// Settings of one run.
type Settings struct {
	// Paths to lint (files or folders); none means ".".
	Paths []string
	// ConfigFile is --config; when empty, .lattice-lint.yaml is looked up.
	ConfigFile string
	// PolicyDirs are extra policy folders (--policy); the configuration file's
	// come first.
	PolicyDirs []string
	// Timeout bounds policy evaluation; zero means no bound beyond the context.
	Timeout        time.Duration
	Terraform      Terraform
	CloudFormation CloudFormation
	Limits         Limits
}

// Terraform is what the Terraform front end is told besides the limits.
type Terraform struct {
	// Vars are --var name=value assignments; VarFiles --var-file paths. Both
	// apply to every root that declares the variable.
	Vars     []string
	VarFiles []string
	// ModulesOutsideRoot widens the tree the inputs may name (module sources,
	// modules.json folders, file() and the like) to the whole file system
	// (--allow-outside-root); see safefile.Tree.
	ModulesOutsideRoot bool
}

// CloudFormation is what the CloudFormation front end is told besides the limits.
type CloudFormation struct {
	// Params are --cfn-param Name=Value pairs; they win over ParamFiles
	// (--cfn-params, JSON parameter files).
	Params     []string
	ParamFiles []string
}

// Limits bound what a run reads. A zero field means its default (OrDefault),
// so no caller can switch a bound off by forgetting it.
type Limits struct {
	// MaxFileSize refuses larger input files, in bytes.
	MaxFileSize int64
	// MaxInstances bounds count/for_each instances per resource or module call.
	MaxInstances int
	// MaxTotalInstances bounds resource and module instances in the run.
	MaxTotalInstances int
	// MaxModuleDepth bounds Terraform module nesting; deeper calls are not read.
	MaxModuleDepth int
	// Values bound the size of the values evaluation builds.
	Values Values
}

// DefaultLimits are the limits of a run that sets none.
func DefaultLimits() Limits {
	return Limits{MaxFileSize: DefaultMaxFileSize, MaxInstances: DefaultMaxInstances,
		MaxTotalInstances: DefaultMaxTotalInstances, MaxModuleDepth: DefaultMaxModuleDepth,
		Values: Values{Value: DefaultValueBudget, File: DefaultFileBudget, Run: DefaultRunBudget}}
}

// Default is the settings of a run given no flags.
func Default() Settings {
	return Settings{Timeout: DefaultTimeout, Limits: DefaultLimits()}
}

// OrDefault replaces every zero or negative limit by its default.
func (l Limits) OrDefault() Limits {
	d := DefaultLimits()
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = d.MaxFileSize
	}
	if l.MaxInstances <= 0 {
		l.MaxInstances = d.MaxInstances
	}
	if l.MaxTotalInstances <= 0 {
		l.MaxTotalInstances = d.MaxTotalInstances
	}
	if l.MaxModuleDepth <= 0 {
		l.MaxModuleDepth = d.MaxModuleDepth
	}
	l.Values.Value = l.Values.Value.orDefault(d.Values.Value)
	l.Values.File = l.Values.File.orDefault(d.Values.File)
	l.Values.Run = l.Values.Run.orDefault(d.Values.Run)
	return l
}

// RegisterFlags declares the flags of every command that reads infrastructure
// code, bound to s: what s holds when they are registered is each flag's
// default, so register on Default().
func (s *Settings) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&s.ConfigFile, "config", s.ConfigFile, "configuration file; without it, .lattice-lint.yaml is read when present")
	s.RegisterPolicyFlag(fs)
	fs.Var((*listFlag)(&s.Terraform.Vars), "var", "Terraform variable name=value (repeatable)")
	fs.Var((*listFlag)(&s.Terraform.VarFiles), "var-file", "Terraform .tfvars file (repeatable)")
	fs.Var((*listFlag)(&s.CloudFormation.Params), "cfn-param", "CloudFormation parameter Name=Value (repeatable)")
	fs.Var((*listFlag)(&s.CloudFormation.ParamFiles), "cfn-params", "CloudFormation parameter JSON file (repeatable)")
	fs.DurationVar(&s.Timeout, "timeout", s.Timeout, "time limit for policy evaluation")
	fs.Int64Var(&s.Limits.MaxFileSize, "max-file-size", s.Limits.MaxFileSize, "refuse input files larger than this many bytes")
	fs.IntVar(&s.Limits.MaxInstances, "max-instances", s.Limits.MaxInstances, "limit of count/for_each instances per resource or module call")
	fs.IntVar(&s.Limits.MaxTotalInstances, "max-total-instances", s.Limits.MaxTotalInstances, "limit of resource and module instances in the whole run")
	fs.IntVar(&s.Limits.MaxModuleDepth, "max-module-depth", s.Limits.MaxModuleDepth, "limit of Terraform module nesting")
	fs.BoolVar(&s.Terraform.ModulesOutsideRoot, "allow-outside-root", s.Terraform.ModulesOutsideRoot, "let the inputs name modules and files outside the tree (the git repository holding each linted path)")
}

// RegisterPolicyFlag declares --policy alone, for commands that read no
// infrastructure code (rules).
func (s *Settings) RegisterPolicyFlag(fs *flag.FlagSet) {
	fs.Var((*listFlag)(&s.PolicyDirs), "policy", "folder of extra Rego policies (repeatable)")
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// Check finds what makes the settings unusable before anything is read: a
// malformed --var or --cfn-param, or a path or file that does not exist. The
// error names the flag.
func (s *Settings) Check() error {
	for _, v := range s.Terraform.Vars {
		if k, _, ok := strings.Cut(v, "="); !ok || k == "" {
			return fmt.Errorf("--var %q: want name=value", v)
		}
	}
	if _, err := s.CloudFormation.ParamValues(); err != nil {
		return err
	}
	for _, c := range []struct {
		flag  string
		files []string
	}{{"--var-file", s.Terraform.VarFiles}, {"--cfn-params", s.CloudFormation.ParamFiles}} {
		for _, f := range c.files {
			if _, err := os.Stat(f); err != nil {
				return fmt.Errorf("%s: %w", c.flag, err)
			}
		}
	}
	for _, p := range s.Paths {
		if _, err := os.Stat(p); err != nil {
			return err
		}
	}
	return nil
}

// ParamValues reads the --cfn-param Name=Value pairs; a later pair wins.
func (c CloudFormation) ParamValues() (map[string]string, error) {
	out := map[string]string{}
	for _, p := range c.Params {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--cfn-param %q: want Name=Value", p)
		}
		out[k] = v
	}
	return out, nil
}
