// Package parse finds infrastructure code under the paths a user gives and
// hands each file to its front end: Terraform roots to parse/terraform,
// CloudFormation templates to parse/cloudformation, lattice-lint's own YAML
// topology files to native. Every front end adds to one
// model; Load links it once at the end, so references across roots, stacks and
// formats resolve alike.
package parse

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/native"
	"github.com/lattice-lint/lattice-lint/pkg/parse/cloudformation"
	"github.com/lattice-lint/lattice-lint/pkg/parse/terraform"
	"github.com/lattice-lint/lattice-lint/pkg/safefile"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// Options configure a load.
type Options struct {
	// Root is the directory model paths are relative to (default: working directory).
	Root string
	// Config supplies account attribution; may be nil.
	Config *config.Config
	// Tree bounds what the inputs may name and records every file read; nil:
	// the tree holding the paths (widened by Terraform.ModulesOutsideRoot).
	Tree *safefile.Tree
	// What each front end is told, and the limits every one keeps (zero
	// fields take their defaults).
	Terraform      settings.Terraform
	CloudFormation settings.CloudFormation
	Limits         settings.Limits
}

// Result is a linked model with what went wrong reading it.
type Result struct {
	Model       *model.Model
	Diagnostics diag.Diagnostics
	// Files is how many input files were read.
	Files int
	// Sources holds the text of files read, by model path (for snippets).
	Sources map[string][]byte
	// Suppressions are the in-code suppressions every front end extracted;
	// package suppress matches them with the findings.
	Suppressions []suppress.Suppression
}

// inputs is what discovery found.
type inputs struct {
	tfDirs    map[string]bool // folders holding .tf / .tf.json files
	dataFiles []string        // .yaml .yml .json .template candidates for CloudFormation
	// seenData holds the cleaned absolute path of every data file, so
	// overlapping arguments (lint dir dir/a.yaml) read a template once.
	seenData map[string]bool
}

// skipDirs are never descended into: VCS data, dependency caches, build output.
var skipDirs = map[string]bool{".git": true, ".terraform": true, "node_modules": true, ".hg": true, ".svn": true,
	"vendor": true, "cdk.out.cache": true}

// Load discovers, parses and links. Problems with individual files are
// diagnostics; the returned error is only for unusable arguments.
func Load(ctx context.Context, paths []string, opts Options) (*Result, error) {
	if opts.Root == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, fmt.Errorf("parse: %w", err)
		}
		opts.Root = wd
	}
	opts.Limits = opts.Limits.OrDefault()
	params, err := opts.CloudFormation.ParamValues()
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if opts.Tree == nil {
		opts.Tree = safefile.NewTree(paths, opts.Terraform.ModulesOutsideRoot)
	}
	res := &Result{Model: model.New(), Sources: map[string][]byte{}}
	in := inputs{tfDirs: map[string]bool{}, seenData: map[string]bool{}}
	for _, p := range paths {
		if err := discover(p, &in, &res.Diagnostics, opts.Root, opts.Config.Ignored); err != nil {
			return nil, err
		}
	}
	attribute := func(string) config.Attribution { return config.Attribution{} }
	if opts.Config != nil {
		attribute = opts.Config.Attribute
	}

	dirs := make([]string, 0, len(in.tfDirs))
	for d := range in.tfDirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	tf := terraform.Load(ctx, dirs, terraform.Options{Root: opts.Root, Attribute: attribute,
		Terraform: opts.Terraform, Limits: opts.Limits, Tree: opts.Tree}, res.Model)
	res.Files += tf.Files
	res.Suppressions = append(res.Suppressions, tf.Suppressions...)
	res.Diagnostics = append(res.Diagnostics, tf.Diagnostics...)
	for k, v := range tf.Sources {
		res.Sources[k] = v
	}

	// Native files declare themselves (apiVersion: lattice-lint/…); every
	// other data file is a CloudFormation candidate.
	var nativeFiles, cfnFiles []string
	for _, f := range in.dataFiles {
		if native.SniffFile(f) {
			nativeFiles = append(nativeFiles, f)
		} else {
			cfnFiles = append(cfnFiles, f)
		}
	}
	nat := native.Parse(ctx, nativeFiles, native.Options{Root: opts.Root, Attribute: attribute,
		Limits: opts.Limits, Tree: opts.Tree}, res.Model)
	res.Files += len(nat.Files)
	res.Diagnostics = append(res.Diagnostics, nat.Diagnostics...)
	res.Suppressions = append(res.Suppressions, nat.Suppressions...)
	for k, v := range nat.Sources {
		res.Sources[k] = v
	}

	cfnParams := map[string]string{}
	for _, f := range opts.CloudFormation.ParamFiles {
		ps, err := cloudformation.ReadParams(f, func(p string) ([]byte, error) { return opts.Tree.ReadAny(p, opts.Limits.MaxFileSize) })
		if err != nil {
			res.Diagnostics.Errorf(model.Range{File: relTo(opts.Root, f)}, "%v", err)
			continue
		}
		for k, v := range ps {
			cfnParams[k] = v
		}
	}
	for k, v := range params {
		cfnParams[k] = v
	}
	cfn := cloudformation.Parse(ctx, cfnFiles, cloudformation.Options{Root: opts.Root, Params: cfnParams,
		Attribute: attribute, Limits: opts.Limits, Tree: opts.Tree}, res.Model)
	res.Files += len(cfn.Templates)
	res.Suppressions = append(res.Suppressions, cfn.Suppressions...)
	res.Diagnostics = append(res.Diagnostics, cfn.Diagnostics...)
	for k, v := range cfn.Sources {
		res.Sources[k] = v
	}

	res.Model.Link()
	for id, name := range nat.AccountNames {
		if acct := res.Model.Accounts[id]; acct != nil && name != "" {
			acct.Name = name
		}
	}
	for id, org := range nat.Organizations {
		if acct := res.Model.Accounts[id]; acct != nil {
			acct.Organization = org
		}
	}
	if opts.Config != nil {
		// Name the accounts the configuration names.
		for _, a := range opts.Config.Accounts {
			if acct := res.Model.Accounts[a.Account]; acct != nil && acct.Name == "" {
				acct.Name = a.Name
			}
		}
	}
	res.Diagnostics.Sort()
	return res, nil
}

// discover walks a path, collecting Terraform folders and data files. Symlinks
// are not followed (no loops), unreadable entries become diagnostics.
func discover(path string, in *inputs, ds *diag.Diagnostics, root string, ignored func(string) bool) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if ignored(path) {
		// Named on the command line (a pre-commit hook passes changed files):
		// say why nothing is reported for it.
		ds.Notef(model.Range{File: relTo(root, path)}, "not linted: the configuration's ignore_paths match it")
		return nil
	}
	if !st.IsDir() {
		classify(path, in)
		return nil
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			ds.Errorf(model.Range{File: relTo(root, p)}, "cannot read: %v", err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != path && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".") || ignored(p)) {
				return fs.SkipDir
			}
			return nil
		}
		if ignored(p) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			noteSymlink(p, root, ds)
			return nil
		}
		classify(p, in)
		return nil
	})
}

func classify(p string, in *inputs) {
	name := filepath.Base(p)
	switch {
	case strings.HasSuffix(name, ".tf"), strings.HasSuffix(name, ".tf.json"):
		// Absolute, so `lint dir /abs/dir` reads the folder once.
		dir, err := filepath.Abs(filepath.Dir(p))
		if err != nil {
			dir = filepath.Clean(filepath.Dir(p))
		}
		in.tfDirs[dir] = true
	case strings.HasSuffix(name, ".tfvars"), strings.HasSuffix(name, ".tfvars.json"):
		// read with their root
	case strings.HasSuffix(name, ".yaml"), strings.HasSuffix(name, ".yml"), strings.HasSuffix(name, ".json"),
		strings.HasSuffix(name, ".template"):
		key, err := filepath.Abs(p)
		if err != nil {
			key = filepath.Clean(p)
		}
		if in.seenData[key] {
			return
		}
		in.seenData[key] = true
		in.dataFiles = append(in.dataFiles, p)
	}
}

func relTo(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}
