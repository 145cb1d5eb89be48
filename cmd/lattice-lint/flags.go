package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lattice-lint/lattice-lint/pkg/lint"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// inputFlags are shared by every command that reads infrastructure code.
type inputFlags struct {
	config        string
	policies      listFlag
	vars          listFlag
	varFiles      listFlag
	cfnParams     listFlag
	cfnParamFiles listFlag
	timeout       time.Duration
	maxFileSize   int64
	maxInstances  int
	maxTotal      int
	maxDepth      int
	outsideRoot   bool
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "configuration file (default .lattice-lint.yaml when present)")
	fs.Var(&f.policies, "policy", "folder of extra Rego policies (repeatable)")
	fs.Var(&f.vars, "var", "Terraform variable name=value (repeatable)")
	fs.Var(&f.varFiles, "var-file", "Terraform .tfvars file (repeatable)")
	fs.Var(&f.cfnParams, "cfn-param", "CloudFormation parameter Name=Value (repeatable)")
	fs.Var(&f.cfnParamFiles, "cfn-params", "CloudFormation parameter JSON file (repeatable)")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "time limit for policy evaluation")
	fs.Int64Var(&f.maxFileSize, "max-file-size", 10<<20, "refuse input files larger than this many bytes")
	fs.IntVar(&f.maxInstances, "max-instances", 10000, "limit of count/for_each instances per resource or module call")
	fs.IntVar(&f.maxTotal, "max-total-instances", 200000, "limit of resource and module instances in the whole run")
	fs.IntVar(&f.maxDepth, "max-module-depth", 16, "limit of Terraform module nesting")
	fs.BoolVar(&f.outsideRoot, "allow-outside-root", false, "read local module sources outside the current folder")
}

func (f *inputFlags) options(paths []string) lint.Options {
	return lint.Options{Paths: paths, ConfigFile: f.config, PolicyDirs: f.policies, Vars: f.vars,
		VarFiles: f.varFiles, CFNParams: f.cfnParams, CFNParamFiles: f.cfnParamFiles, Timeout: f.timeout,
		MaxFileSize: f.maxFileSize, MaxInstances: f.maxInstances, MaxTotalInstances: f.maxTotal,
		MaxModuleDepth: f.maxDepth, AllowOutsideRoot: f.outsideRoot, Version: toolVersion()}
}

// parseArgs parses flags that may come before, between or after paths, the way
// users of tflint and cfn-lint type them.
func parseArgs(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	fs.SetOutput(stderr)
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, errHelp
			}
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return paths, nil
		}
		if rest[0] == "--" {
			return append(paths, rest[1:]...), nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

// parseCommand parses a command's arguments; done is true when the command
// must stop now with code (-h answered, or a flag error already printed).
func parseCommand(fs *flag.FlagSet, args []string, stderr io.Writer) (paths []string, code int, done bool) {
	paths, err := parseArgs(fs, args, stderr)
	switch {
	case errors.Is(err, errHelp):
		return nil, exitOK, true
	case err != nil:
		return nil, exitError, true
	}
	return paths, exitOK, false
}

func usageFor(name, synopsis string, fs *flag.FlagSet, w io.Writer) func() {
	return func() {
		fmt.Fprintf(w, "Usage: lattice-lint %s\n\nFlags:\n", synopsis)
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}
