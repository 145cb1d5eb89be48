package rules

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// Conformance of the auth policy evaluator (policies/lib/authz.rego) with
// the VPC Lattice User Guide, "Control access to VPC Lattice services using
// auth policies" (https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html,
// UG below, with its section) and the IAM User Guide's policy evaluation and
// condition operator rules (IAM below). Each case states the fact it checks.

const (
	confAccount = "123456789012"
	confSvc     = "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0"
	confNet     = "arn:aws:vpc-lattice:us-west-2:123456789012:servicenetwork/sn-0123456789abcdef0"
	confRole    = "arn:aws:iam::123456789012:role/rates-client"
	confSession = "arn:aws:sts::123456789012:assumed-role/rates-client/i-0abc"
	confOther   = "arn:aws:sts::444455556666:assumed-role/rates-client/i-0abc"
)

type obj = map[string]any

// allowStmt is an Allow of vpc-lattice-svcs:Invoke with the fields given on top.
func allowStmt(fields obj) obj {
	st := obj{"Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"}
	for k, v := range fields {
		if v == nil {
			delete(st, k)
			continue
		}
		st[k] = v
	}
	return st
}

func denyStmt(fields obj) obj {
	st := allowStmt(fields)
	st["Effect"] = "Deny"
	return st
}

func policy(sts ...obj) obj {
	list := make([]any, len(sts))
	for i, s := range sts {
		list[i] = s
	}
	return obj{"Version": "2012-10-17", "Statement": list}
}

// request is a request to confSvc through confNet by principal (nil: anonymous).
func request(principal any, fields obj) obj {
	r := obj{
		"principal": principal, "method": nil, "path": nil, "headers": nil, "source_vpc": nil,
		"service_network_arn": confNet, "service_arn": confSvc, "target_arn": nil,
	}
	for k, v := range fields {
		r[k] = v
	}
	return r
}

func TestAuthzConformance(t *testing.T) {
	// UG "Example auth policies": only authenticated requests (the console's
	// "allow only authenticated access"): anonymous principal type excluded.
	authenticated := policy(allowStmt(obj{"Condition": obj{"StringNotEqualsIgnoreCase": obj{"aws:PrincipalType": "anonymous"}}}))
	// UG "Example auth policies": authenticated principals of one organization.
	org := policy(allowStmt(obj{"Condition": obj{"StringEquals": obj{"aws:PrincipalOrgID": []any{"o-123456example"}}}}))
	// UG "Example auth policies": one IAM role may invoke every path of one service.
	role := policy(allowStmt(obj{"Principal": obj{"AWS": []any{confRole}}, "Resource": []any{confSvc + "/*"}}))
	// UG "Resource format for auth policies": the request path follows the
	// service id in the resource ARN; UG condition keys table: RequestMethod.
	getRates := policy(allowStmt(obj{"Resource": confSvc + "/rates/*", "Condition": obj{"StringEquals": obj{"vpc-lattice-svcs:RequestMethod": "GET"}}}))
	// UG "Anonymous (unauthenticated) principals": anonymous callers from one VPC.
	sourceVPC := policy(allowStmt(obj{"Condition": obj{"StringEquals": obj{"vpc-lattice-svcs:SourceVpc": "vpc-1a2b3c4d"}}}))
	// UG condition keys table: ServiceNetworkArn names the network the request came through.
	viaNet := policy(allowStmt(obj{"Condition": obj{"ArnEquals": obj{"vpc-lattice-svcs:ServiceNetworkArn": confNet}}}))
	// UG condition keys table: RequestHeader/content-type, RequestQueryString/quux (multi-valued), Port.
	header := policy(allowStmt(obj{"Condition": obj{"StringEquals": obj{"vpc-lattice-svcs:RequestHeader/content-type": "application/json"}}}))
	query := policy(allowStmt(obj{"Condition": obj{"ForAnyValue:StringEquals": obj{"vpc-lattice-svcs:RequestQueryString/quux": []any{"corge", "grault"}}}}))
	port := policy(allowStmt(obj{"Condition": obj{"StringEquals": obj{"vpc-lattice-svcs:Port": "80"}}}))
	// UG "How authorization works" + IAM evaluation logic: an explicit Deny overrides any Allow.
	denyRole := policy(allowStmt(nil), denyStmt(obj{"Principal": obj{"AWS": confRole}}))
	// IAM NotPrincipal: a Deny for everyone but one account's principals.
	denyOthers := policy(allowStmt(nil), denyStmt(obj{"Principal": nil, "NotPrincipal": obj{"AWS": "arn:aws:iam::" + confAccount + ":root"}}))
	// IAM condition operators: a key missing from the request fails a positive
	// operator, meets a negated one and any ...IfExists.
	ifExists := policy(allowStmt(obj{"Condition": obj{"StringEqualsIfExists": obj{"aws:PrincipalAccount": confAccount}}}))
	arnNotLike := policy(allowStmt(obj{"Condition": obj{"ArnNotLike": obj{"aws:PrincipalArn": "arn:aws:iam::*:role/blocked-*"}}}))
	// UG "Anonymous (unauthenticated) principals": aws:PrincipalType is Anonymous for unsigned requests.
	anonOnly := policy(allowStmt(obj{"Condition": obj{"StringEquals": obj{"aws:PrincipalType": "Anonymous"}}}))
	// UG "Principal tags": aws:PrincipalTag conditions; the tags are not in the caller's ARN.
	tagged := policy(allowStmt(obj{"Condition": obj{"StringEquals": obj{"aws:PrincipalTag/team": "rates"}}}))
	// An org-scoped Deny whose key the request does not give decides nothing.
	denyOutsideOrg := policy(allowStmt(nil), denyStmt(obj{"Condition": obj{"StringNotEquals": obj{"aws:PrincipalOrgID": "o-123456example"}}}))

	cases := []struct {
		name string
		doc  obj
		req  obj
		want string
	}{
		// UG "How authorization works": AWS_IAM with no statement allowing the caller is an implicit deny.
		{"empty policy denies by default", policy(), request(confSession, nil), "implicit_deny"},
		// UG common elements: Principal "*" covers anonymous callers; an allow-all admits them.
		{"allow all admits anonymous", policy(allowStmt(nil)), request(nil, nil), "allow"},
		{"AWS * admits anonymous", policy(allowStmt(obj{"Principal": obj{"AWS": "*"}})), request(nil, nil), "allow"},
		{"authenticated-only admits a signed role", authenticated, request(confSession, nil), "allow"},
		{"authenticated-only refuses anonymous", authenticated, request(nil, nil), "implicit_deny"},
		{"org policy cannot tell a role's organization", org, request(confSession, nil), "unknown"},
		{"org policy refuses anonymous", org, request(nil, nil), "implicit_deny"},
		{"named role admits its session", role, request(confSession, obj{"path": "/rates"}), "allow"},
		{"named role admits the role ARN", role, request(confRole, obj{"path": "/"}), "allow"},
		{"named role refuses the same name in another account", role, request(confOther, obj{"path": "/"}), "implicit_deny"},
		{"named role refuses anonymous", role, request(nil, obj{"path": "/"}), "implicit_deny"},
		// IAM: a role principal is matched by name whatever its path (the session ARN has none).
		{"role with a path admits its session", policy(allowStmt(obj{"Principal": obj{"AWS": "arn:aws:iam::123456789012:role/team/rates-client"}})), request(confSession, nil), "allow"},
		// IAM: an account principal (id or root ARN) covers every principal of the account.
		{"account id covers a user", policy(allowStmt(obj{"Principal": obj{"AWS": confAccount}})), request("arn:aws:iam::123456789012:user/alice", nil), "allow"},
		{"account root refuses another account", policy(allowStmt(obj{"Principal": obj{"AWS": "arn:aws:iam::" + confAccount + ":root"}})), request(confOther, nil), "implicit_deny"},
		{"GET on the allowed path", getRates, request(confSession, obj{"method": "GET", "path": "/rates/LON"}), "allow"},
		{"POST on the allowed path", getRates, request(confSession, obj{"method": "POST", "path": "/rates/LON"}), "implicit_deny"},
		{"GET on another path", getRates, request(confSession, obj{"method": "GET", "path": "/admin"}), "implicit_deny"},
		// IAM: StringEquals is case-sensitive.
		{"method compares case-sensitively", getRates, request(confSession, obj{"method": "get", "path": "/rates/x"}), "implicit_deny"},
		{"path not given", getRates, request(confSession, obj{"method": "GET"}), "unknown"},
		{"resource of another service", policy(allowStmt(obj{"Resource": "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0fedcba9876543210/*"})), request(nil, nil), "implicit_deny"},
		{"anonymous from the allowed VPC", sourceVPC, request(nil, obj{"source_vpc": "vpc-1a2b3c4d"}), "allow"},
		{"anonymous from another VPC", sourceVPC, request(nil, obj{"source_vpc": "vpc-9z9z9z9z"}), "implicit_deny"},
		{"source VPC not given", sourceVPC, request(nil, nil), "unknown"},
		{"through the named network", viaNet, request(confSession, nil), "allow"},
		{"through another network", viaNet, request(confSession, obj{"service_network_arn": "arn:aws:vpc-lattice:us-west-2:123456789012:servicenetwork/sn-0fedcba9876543210"}), "implicit_deny"},
		{"header present", header, request(nil, obj{"headers": obj{"Content-Type": "application/json"}}), "allow"},
		{"header absent", header, request(nil, obj{"headers": obj{}}), "implicit_deny"},
		{"headers not given", header, request(nil, nil), "unknown"},
		{"query parameter among the values", query, request(nil, obj{"path": "/quotes?quux=grault"}), "allow"},
		{"query parameter missing", query, request(nil, obj{"path": "/quotes"}), "implicit_deny"},
		{"port", port, request(nil, obj{"port": 80}), "allow"},
		{"other port", port, request(nil, obj{"port": 443}), "implicit_deny"},
		{"explicit deny wins over allow", denyRole, request(confSession, nil), "deny"},
		{"deny of another role leaves the allow", denyRole, request("arn:aws:sts::123456789012:assumed-role/other/s", nil), "allow"},
		{"NotPrincipal deny spares the account", denyOthers, request(confSession, nil), "allow"},
		{"NotPrincipal deny hits other accounts", denyOthers, request(confOther, nil), "deny"},
		{"NotPrincipal deny hits anonymous", denyOthers, request(nil, nil), "deny"},
		// IAM: Action and NotAction wildcards; the management prefix never grants Invoke (UG common elements).
		{"vpc-lattice-svcs:* grants invoke", policy(allowStmt(obj{"Action": "vpc-lattice-svcs:*"})), request(nil, nil), "allow"},
		{"* grants invoke", policy(allowStmt(obj{"Action": []any{"*"}})), request(nil, nil), "allow"},
		{"action names compare without case", policy(allowStmt(obj{"Action": "VPC-Lattice-Svcs:invoke"})), request(nil, nil), "allow"},
		{"management prefix grants nothing", policy(allowStmt(obj{"Action": "vpc-lattice:*"})), request(nil, nil), "implicit_deny"},
		{"NotAction excluding another action", policy(allowStmt(obj{"Action": nil, "NotAction": "vpc-lattice-svcs:Connect"})), request(nil, nil), "allow"},
		{"NotAction excluding invoke", policy(allowStmt(obj{"Action": nil, "NotAction": "vpc-lattice-svcs:*"})), request(nil, nil), "implicit_deny"},
		{"IfExists met when the key is missing", ifExists, request(nil, nil), "allow"},
		{"IfExists tested when the key is present", ifExists, request(confOther, nil), "implicit_deny"},
		{"negated operator met when the key is missing", arnNotLike, request(nil, nil), "allow"},
		{"negated ARN wildcard excludes a role", arnNotLike, request("arn:aws:sts::123456789012:assumed-role/blocked-ci/s", nil), "implicit_deny"},
		{"anonymous principal type admits anonymous", anonOnly, request(nil, nil), "allow"},
		{"anonymous principal type refuses signed callers", anonOnly, request(confSession, nil), "implicit_deny"},
		{"principal tag not known", tagged, request(confSession, nil), "unknown"},
		{"principal tag fails anonymous", tagged, request(nil, nil), "implicit_deny"},
		{"deny on an unknown key decides nothing", denyOutsideOrg, request(confSession, nil), "unknown"},
		{"org deny hits anonymous", denyOutsideOrg, request(nil, nil), "deny"},
	}
	pq := prepareBuiltin(t, "x := data.lattice.lib.authz_decision(input.doc, input.request)")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := authzDecision(t, pq, c.doc, c.req)
			if got["decision"] != c.want {
				t.Errorf("decision = %v, want %s (why: %v)", got["decision"], c.want, got["why"])
			}
			if c.want != "implicit_deny" && got["statement"] == nil {
				t.Errorf("decision %v names no statement: %v", got["decision"], got)
			}
			if c.want == "unknown" && len(got["unknown"].([]any)) == 0 {
				t.Errorf("unknown decision names no key: %v", got)
			}
		})
	}
}

// prepareBuiltin compiles a query over the embedded policies once, to be
// evaluated with many inputs.
func prepareBuiltin(t *testing.T, query string) rego.PreparedEvalQuery {
	t.Helper()
	files, err := builtinFiles(false)
	if err != nil {
		t.Fatal(err)
	}
	opts := []func(*rego.Rego){rego.Query(query), rego.Capabilities(capabilities()), rego.SetRegoVersion(ast.RegoV1)}
	for _, f := range files {
		opts = append(opts, rego.Module(f.Name, string(f.Source)))
	}
	pq, err := rego.New(opts...).PrepareForEval(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return pq
}

func authzDecision(t *testing.T, pq rego.PreparedEvalQuery, doc, req obj) map[string]any {
	t.Helper()
	rs, err := pq.Eval(context.Background(), rego.EvalInput(obj{"doc": doc, "request": req}))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("authz_decision(%v, %v): %d results", doc, req, len(rs))
	}
	got, ok := rs[0].Bindings["x"].(map[string]any)
	if !ok {
		t.Fatalf("authz_decision(%v, %v) is not an object", doc, req)
	}
	return got
}
