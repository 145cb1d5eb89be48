package rules

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestRegoPolicies runs every *_test.rego of the embedded policies with the
// same restricted capabilities the engine compiles with.
func TestRegoPolicies(t *testing.T) {
	modules := builtinModules(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ch, err := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithCapabilities(capabilities())).
		SetModules(modules).
		SetStore(inmem.NewFromObject(Data(ConfigData{}))).
		SetTimeout(time.Minute).
		RunTests(ctx, nil)
	if err != nil {
		t.Fatalf("compiling policies and tests: %v", err)
	}
	var failed []string
	passed := map[string][]string{} // package → test names that passed
	for r := range ch {
		name := strings.TrimPrefix(r.Package, "data.") + "." + r.Name
		switch {
		case r.Error != nil:
			failed = append(failed, name+" (error: "+r.Error.Error()+")")
		case r.Fail:
			failed = append(failed, name)
		default:
			passed[r.Package] = append(passed[r.Package], r.Name)
		}
	}
	sort.Strings(failed)
	for _, f := range failed {
		t.Errorf("Rego test failed: %s", f)
	}
	if len(passed) == 0 && len(failed) == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego test packages passed", len(passed))
}

// builtinModules parses every embedded .rego file, tests included, by file name.
func builtinModules(t *testing.T) map[string]*ast.Module {
	t.Helper()
	files, err := builtinFiles(true)
	if err != nil {
		t.Fatal(err)
	}
	modules := map[string]*ast.Module{}
	for _, f := range files {
		m, err := parseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		modules[f.Name] = m
	}
	return modules
}

// TestUserPolicyTestsWithLibrary runs a --policy folder's Rego tests the way
// docs/writing-policies.md tells users to (opa test policies/lib DIR): the
// helper library and the fixture builders load next to the user's files.
func TestUserPolicyTestsWithLibrary(t *testing.T) {
	dir := writePolicies(t, map[string]string{
		"acme.rego": userPolicy("acme_bare", validCustom,
			`deny contains {"entity": s.id, "message": "bare"} if { some s in input.services; lib.empty(s, "listeners") }`),
		"acme_test.rego": `package lattice.rules.acme_bare_test

import data.lattice.fixtures as fx
import data.lattice.rules.acme_bare as rule

test_fires if {
	s := fx.service("aws_vpclattice_service.s", {})
	count(rule.deny) == 1 with input as fx.model([s])
}
`,
	})
	modules, store, err := tester.Load([]string{filepath.Join("..", "..", "policies", "lib"), dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := tester.NewRunner().SetStore(store).SetModules(modules).RunTests(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		if r.Fail || r.Error != nil {
			t.Errorf("%s.%s failed: %v", r.Package, r.Name, r.Error)
		}
	}
	if n < 2 {
		t.Errorf("ran %d tests, want the user's and the library's", n)
	}
}
