package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/policies"
)

const (
	// rulesPrefix is the package every rule lives under; one segment follows it.
	rulesPrefix = "data.lattice.rules."
	// libPackage is the built-in helper library; user libraries go below it.
	libPackage = "data.lattice.lib"
	// builtinRoot prefixes the file names of embedded policies in messages.
	builtinRoot = "policies"
	// helpBase is where the generated page of each built-in rule is published.
	helpBase = finding.RuleDocsBase
)

// policyFile is one .rego file to compile.
type policyFile struct {
	Name    string // as shown in messages: policies/correctness/x.rego or the user's path
	Source  []byte
	Builtin bool
}

// isTestFile reports whether a file holds Rego unit tests, which the engine skips.
func isTestFile(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// builtinFiles lists the embedded policies; withTests also returns *_test.rego.
func builtinFiles(withTests bool) ([]policyFile, error) {
	return fsFiles(policies.FS, ".", builtinRoot, true, withTests)
}

// fsFiles reads every .rego file below root in fsys, naming each prefix/<path>.
func fsFiles(fsys fs.FS, root, prefix string, builtin, withTests bool) ([]policyFile, error) {
	var out []policyFile
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir // .git and other tool folders
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || (!withTests && isTestFile(p)) {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := p
		if prefix != "" {
			name = path.Join(prefix, p)
		}
		out = append(out, policyFile{Name: name, Source: src, Builtin: builtin})
		return nil
	})
	return out, err
}

// dirFiles reads the policies of a user directory (tests excluded) with read.
// Links to folders are not followed; links to files are read through read,
// which decides where they may lead.
func dirFiles(dir string, read func(string) ([]byte, error)) ([]policyFile, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("policy directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("policy directory %s: not a directory", dir)
	}
	var files []policyFile
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir // .git and other tool folders
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || isTestFile(p) {
			return nil
		}
		src, err := read(p)
		if err != nil {
			return fmt.Errorf("%s:1:1: %w", p, err)
		}
		files = append(files, policyFile{Name: p, Source: src})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("policy directory %s: %w", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("policy directory %s: no .rego policies (files ending in _test.rego are tests)", dir)
	}
	return files, nil
}

// parseFile parses a Rego v1 module with its METADATA annotations.
func parseFile(f policyFile) (*ast.Module, error) {
	m, err := ast.ParseModuleWithOpts(f.Name, string(f.Source), ast.ParserOptions{
		ProcessAnnotation: true,
		RegoVersion:       ast.RegoV1,
	})
	if err != nil {
		return nil, fmt.Errorf("policy %s: %w", f.Name, err)
	}
	return m, nil
}

// parsedPolicies is what load returns: every module to compile and the rule
// metadata keyed by the package segment under lattice.rules.
type parsedPolicies struct {
	modules map[string]*ast.Module
	rules   map[string]*finding.Rule
}

// load parses the embedded policies and those of dirs, checking the policy
// contract (docs/writing-policies.md).
func load(dirs []string, read func(string) ([]byte, error)) (*parsedPolicies, error) {
	files, err := builtinFiles(false)
	if err != nil {
		return nil, fmt.Errorf("embedded policies: %w", err)
	}
	for _, d := range dirs {
		fs, err := dirFiles(d, read)
		if err != nil {
			return nil, err
		}
		files = append(files, fs...)
	}
	p := &parsedPolicies{modules: map[string]*ast.Module{}, rules: map[string]*finding.Rule{}}
	pkgFile := map[string]string{}
	idFile := map[string]string{}
	var errs []error
	for _, f := range files {
		m, err := parseFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p.modules[f.Name] = m
		pkg := m.Package.Path.String()
		switch {
		case strings.HasPrefix(pkg, rulesPrefix):
		case pkg == libPackage && f.Builtin, strings.HasPrefix(pkg, libPackage+".") && !f.Builtin:
			continue // helper library: no metadata, no deny
		default:
			errs = append(errs, fmt.Errorf("policy %s: package %s is not under lattice.rules (rules) or lattice.lib.<name> (helper libraries)",
				f.Name, strings.TrimPrefix(pkg, "data.")))
			continue
		}
		key := strings.TrimPrefix(pkg, rulesPrefix)
		if strings.Contains(key, ".") {
			errs = append(errs, fmt.Errorf("policy %s: package %s must be lattice.rules.<name>, one segment below lattice.rules",
				f.Name, strings.TrimPrefix(pkg, "data.")))
			continue
		}
		if other, dup := pkgFile[key]; dup {
			errs = append(errs, fmt.Errorf("policy %s: package %s is also declared in %s (one rule per package)",
				f.Name, strings.TrimPrefix(pkg, "data."), other))
			continue
		}
		pkgFile[key] = f.Name
		if !definesDeny(m) {
			errs = append(errs, fmt.Errorf("policy %s: package %s defines no deny rule, so it can never report a finding",
				f.Name, strings.TrimPrefix(pkg, "data.")))
			continue
		}
		r, err := ruleFromModule(f, key, m)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, dup := idFile[r.ID]; dup {
			errs = append(errs, fmt.Errorf("policy %s: rule id %s is already used by %s", f.Name, r.ID, other))
			continue
		}
		idFile[r.ID] = f.Name
		p.rules[key] = r
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return p, nil
}

// definesDeny reports whether a module defines the deny rule the engine
// queries (deny contains …, deny[x] …, deny := …).
func definesDeny(m *ast.Module) bool {
	for _, r := range m.Rules {
		if ref := r.Head.Ref(); len(ref) > 0 && ref[0].Equal(ast.VarTerm("deny")) {
			return true
		}
	}
	return false
}

// ruleFromModule reads the package-scope METADATA block of a rule.
func ruleFromModule(f policyFile, key string, m *ast.Module) (*finding.Rule, error) {
	var a *ast.Annotations
	for _, x := range m.Annotations {
		if x.Scope == "package" {
			a = x
			break
		}
	}
	if a == nil {
		return nil, fmt.Errorf("policy %s: no package-scope # METADATA block (custom.id, custom.severity, custom.remediation are required)", f.Name)
	}
	str := func(k string) (string, error) {
		v, ok := a.Custom[k]
		if !ok || v == nil {
			return "", nil
		}
		s, ok := v.(string)
		if !ok {
			return "", fmt.Errorf("policy %s: METADATA custom.%s must be a string, not %T", f.Name, k, v)
		}
		return strings.TrimSpace(s), nil
	}
	var errs []error
	get := func(k string, required bool) string {
		s, err := str(k)
		if err != nil {
			errs = append(errs, err)
		} else if required && s == "" {
			errs = append(errs, fmt.Errorf("policy %s: METADATA custom.%s is missing", f.Name, k))
		}
		return s
	}
	r := &finding.Rule{
		ID:          get("id", true),
		Name:        get("name", false),
		Remediation: get("remediation", true),
		HelpURI:     get("help_uri", false),
		Title:       strings.TrimSpace(a.Title),
		Description: strings.TrimSpace(a.Description),
		Package:     rulesPrefix + key,
		File:        f.Name,
		Builtin:     f.Builtin,
	}
	sev := get("severity", true)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	s, err := finding.ParseSeverity(sev)
	if err != nil {
		return nil, fmt.Errorf("policy %s: METADATA custom.severity: %w", f.Name, err)
	}
	r.Severity = s
	want := strings.ReplaceAll(key, "_", "-")
	if r.Name == "" {
		r.Name = want
	} else if r.Name != want {
		return nil, fmt.Errorf("policy %s: METADATA custom.name %q does not match package lattice.rules.%s (want %q)", f.Name, r.Name, key, want)
	}
	if r.Title == "" {
		r.Title = r.Name
	}
	for _, rr := range a.RelatedResources {
		r.References = append(r.References, rr.Ref.String())
	}
	switch v := a.Custom["missing_relation"].(type) {
	case nil:
	case bool:
		r.MissingRelation = v
	default:
		return nil, fmt.Errorf("policy %s: METADATA custom.missing_relation must be true or false, not %v", f.Name, v)
	}
	formats, err := formatsOf(f, a.Custom["formats"])
	if err != nil {
		return nil, err
	}
	r.Formats = formats
	if r.Builtin && r.Formats == nil {
		r.Formats = append([]string(nil), finding.InputFormats...)
	}
	switch {
	case r.Builtin && !finding.BuiltinIDPattern.MatchString(r.ID):
		return nil, fmt.Errorf("policy %s: rule id %q does not match LAT-(COR|SEC|XAC|OBS|QTA|HYG)-NNN", f.Name, r.ID)
	case r.Builtin:
		r.HelpURI = helpBase + r.ID + ".md"
	case strings.HasPrefix(r.ID, "LAT-"):
		return nil, fmt.Errorf("policy %s: rule id %q: ids starting with LAT- are reserved for built-in rules", f.Name, r.ID)
	}
	return r, nil
}

// formatsOf reads custom.formats: a list of input formats (finding.InputFormats) in
// which the rule's trigger can occur; nil when the metadata does not say.
func formatsOf(f policyFile, v any) ([]string, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, fmt.Errorf("policy %s: METADATA custom.formats must be a non-empty list of %s", f.Name, strings.Join(finding.InputFormats, ", "))
	}
	var out []string
	for _, x := range list {
		s, _ := x.(string)
		if !slices.Contains(finding.InputFormats, s) {
			return nil, fmt.Errorf("policy %s: METADATA custom.formats: %v is not one of %s", f.Name, x, strings.Join(finding.InputFormats, ", "))
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// sortedRules returns the rules ordered by id.
func sortedRules(m map[string]*finding.Rule) []finding.Rule {
	out := make([]finding.Rule, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
