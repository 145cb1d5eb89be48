package lint

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// lonelyNetwork is a small valid input for the policy tests.
const lonelyNetwork = `resource "aws_vpclattice_service_network" "sn" {
  name      = "sn"
  auth_type = "AWS_IAM"
}
`

// userPolicy is a user rule ACME-001 whose deny body is given.
func userPolicy(body string) string {
	return `# METADATA
# title: acme
# custom:
#   id: ACME-001
#   severity: warning
#   remediation: fix it
package lattice.rules.acme

import data.lattice.lib

` + body + "\n"
}

// policyRun writes main.tf and a policy folder holding policy into a fresh
// root and runs the CLI there with --policy and the extra flags.
func policyRun(t *testing.T, policy string, flags ...string) (cliRun, string) {
	t.Helper()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(lonelyNetwork), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "policies"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "policies", "acme.rego"), []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"lint", "--no-color", "--policy", "policies"}, flags...)
	return runCLI(t, root, append(args, ".")...), root
}

// TestUserPolicySandbox: user policies compile against the same restricted
// capabilities as the built-in ones. Builtins that reach the network, the
// OPA runtime (environment, config) or parse more policy are refused before
// anything is linted, with the file and position; pure builtins that only
// make results time- or token-dependent are allowed.
func TestUserPolicySandbox(t *testing.T) {
	denied := []struct{ name, call string }{
		{"http.send", `http.send({"method": "get", "url": "http://127.0.0.1:9/"})`},
		{"net.lookup_ip_addr", `net.lookup_ip_addr("example.com")`},
		{"opa.runtime", `opa.runtime()`},
		{"rego.parse_module", `rego.parse_module("x.rego", "package x")`},
	}
	for _, d := range denied {
		t.Run(d.name, func(t *testing.T) {
			r, _ := policyRun(t, userPolicy(`deny contains {"entity": s.id, "message": sprintf("%v", [x])} if {
	some s in input.service_networks
	x := `+d.call+`
}`))
			if r.code != 2 || r.stdout != "" {
				t.Errorf("exit %d, stdout %q; want exit 2 and no report", r.code, r.stdout)
			}
			want := "policies/acme.rego:13:7: " + d.name + " is not allowed in lattice-lint policies"
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
		})
	}
	t.Run("pure builtins allowed", func(t *testing.T) {
		r, _ := policyRun(t, userPolicy(`deny contains {"entity": s.id, "message": sprintf("alg %s at %d", [h.alg, n])} if {
	some s in input.service_networks
	[h, _, _] := io.jwt.decode("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
	n := time.now_ns()
	print("printed by a user policy")
}`))
		if r.code > 1 || !strings.Contains(r.stdout, "warning[ACME-001]") || !strings.Contains(r.stdout, "alg HS256 at ") {
			t.Errorf("exit %d, want a report with the ACME-001 warning:\n%s\n%s", r.code, r.stdout, r.stderr)
		}
		if strings.Contains(r.stdout+r.stderr, "printed by a user policy") {
			t.Error("print() output reached the terminal")
		}
	})
}

// TestUserPolicyReachesNoNetwork: a JSON schema with a remote $ref is not
// fetched (OPA's schema builtins would be the one way left to the network).
func TestUserPolicyReachesNoNetwork(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.Write([]byte(`{"type": "object"}`))
	}))
	defer srv.Close()
	r, _ := policyRun(t, userPolicy(`deny contains {"entity": s.id, "message": sprintf("%v", [x])} if {
	some s in input.service_networks
	x := json.match_schema({"a": 1}, {"$ref": "`+srv.URL+`/schema.json"})
}`))
	if n := hits.Load(); n != 0 {
		t.Errorf("the policy reached the network %d times", n)
	}
	if r.code > 1 {
		t.Errorf("exit %d:\n%s", r.code, r.stderr)
	}
}

// TestPolicyTimeout: --timeout stops a user policy that would run for
// minutes, and the CLI says so and exits 2.
func TestPolicyTimeout(t *testing.T) {
	r, _ := policyRun(t, userPolicy(`deny contains {"entity": s.id, "message": sprintf("%d", [n])} if {
	some s in input.service_networks
	n := count([x | some x in numbers.range(1, 1000000000); x % 7 == 3])
}`), "--timeout", "300ms")
	if r.code != 2 || !strings.Contains(r.stderr, "evaluation exceeded the time limit of 300ms") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// TestReadsStayInTheRoot: file() and templatefile() refuse paths outside the
// root, absolute ones included, and symbolic links that lead out of it; the
// secret's text appears nowhere in the output.
func TestReadsStayInTheRoot(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	if err := os.WriteFile(secret, []byte("hunter2"), 0o600); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	if err := os.WriteFile(filepath.Join(parent, "up.txt"), []byte("hunter2"), 0o600); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(parent, "repo")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	src := `resource "aws_vpclattice_service_network" "abs" {
  name      = file("` + filepath.ToSlash(secret) + `")
  auth_type = "AWS_IAM"
}
resource "aws_vpclattice_service_network" "up" {
  name      = templatefile("../up.txt", {})
  auth_type = "AWS_IAM"
}
resource "aws_vpclattice_service_network" "link" {
  name      = file("link.txt")
  auth_type = "AWS_IAM"
}
`
	if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(root, "link.txt")); err != nil {
		t.Skipf("symlinks: %v", err)
	}
	r := runCLI(t, root, "lint", "--no-color", "--format", "json", ".")
	if strings.Contains(r.stdout+r.stderr, "hunter2") {
		t.Fatalf("a file outside the root was read:\n%s", r.stdout)
	}
	for _, want := range []string{
		filepath.ToSlash(secret) + ` is outside the tree being linted; not read`,
		`../up.txt is outside the tree being linted; not read`,
		`link.txt is a symbolic link that leads outside the tree being linted; not read`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
}
