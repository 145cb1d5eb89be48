package main

import (
	"strings"
	"testing"
)

// TestReachCaller asks reach for one caller's request on fixtures/reach/auth-caller
// in both formats: the network's and the service's auth policies evaluated for
// the caller, and the listener rule the request matches.
func TestReachCaller(t *testing.T) {
	inRepoRoot(t)
	const (
		app      = "arn:aws:sts::111111111111:assumed-role/app/s"
		intruder = "arn:aws:iam::111111111111:role/intruder"
		outsider = "arn:aws:sts::222222222222:assumed-role/app/s"
	)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string // substrings
	}{
		{"allowed by both policies", []string{"--principal", app, "--method", "GET", "--path", "/orders"}, exitOK, []string{
			": reachable", "statement 1 allows caller " + app + " (auth policy of ", "none of the listener's 1 rules matches: its default action applies"}},
		{"denied by the network policy", []string{"--principal", intruder, "--method", "GET", "--path", "/orders"}, exitFindings, []string{
			": blocked", "statement 2 denies caller " + intruder}},
		{"implicit deny", []string{"--principal", outsider, "--method", "GET", "--path", "/orders"}, exitFindings, []string{
			": blocked", "no statement allows caller " + outsider + ": denied by default"}},
		{"condition key not given", []string{"--principal", app, "--method", "POST", "--path", "/orders", "--header", "x-api-version=2.1"}, exitFindings, []string{
			": unknown", "depends on aws:PrincipalOrgID (the caller's organization is not known from its ARN)"}},
		{"header absent fails the other statement", []string{"--principal", app, "--method", "POST", "--path", "/orders"}, exitFindings, []string{
			": blocked", "no statement allows caller " + app}},
		{"anonymous caller", []string{"--principal", "anonymous", "--method", "GET", "--path", "/orders"}, exitFindings, []string{
			": blocked", "no statement allows an anonymous (unsigned) caller"}},
		{"routed by a rule", []string{"--principal", app, "--method", "GET", "--path", "/v2/items"}, exitOK, []string{
			": reachable", "(priority 10) is the first that matches the request forward to target group {v2}"}},
		{"path not given", []string{"--principal", app, "--method", "GET"}, exitFindings, []string{
			": unknown", "matches depends on path (the request does not give its path)"}},
	}
	for _, format := range []struct{ dir, from, v2 string }{
		{"fixtures/reach/auth-caller/terraform", "aws_vpc.client", "aws_vpclattice_target_group.orders_v2"},
		{"fixtures/reach/auth-caller/cloudformation", "ClientVpc", "OrdersV2TargetGroup"},
	} {
		for _, tt := range tests {
			t.Run(format.dir+"/"+tt.name, func(t *testing.T) {
				args := append([]string{"reach", format.dir, "--from", format.from, "--to", "orders"}, tt.args...)
				code, stdout, stderr := cli(t, args...)
				if code != tt.code {
					t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
				}
				for _, s := range tt.stdout {
					s = strings.ReplaceAll(s, "{v2}", format.v2)
					if !strings.Contains(stdout, s) {
						t.Errorf("stdout lacks %q:\n%s", s, stdout)
					}
				}
			})
		}
	}
}

func TestReachCallerFlags(t *testing.T) {
	inRepoRoot(t)
	dir := "fixtures/reach/auth-caller/terraform"
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"--principal", "bob"}, `--principal "bob": want an IAM principal ARN`},
		{[]string{"--path", "orders"}, "a request path starts with /"},
		{[]string{"--method", "G ET"}, "want an HTTP method"},
		{[]string{"--header", "novalue"}, "want NAME=VALUE"},
	} {
		code, _, stderr := cli(t, append([]string{"reach", dir, "--from", "aws_vpc.client", "--to", "orders"}, tt.args...)...)
		if code != exitError || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, exitError, tt.stderr)
		}
	}
	code, _, stderr := cli(t, "reach", "--matrix", "--principal", "anonymous", dir)
	if code != exitError || !strings.Contains(stderr, "takes no --principal") {
		t.Errorf("--matrix --principal: exit %d, stderr %q", code, stderr)
	}
}
