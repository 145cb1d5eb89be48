package main

import (
	"errors"
	"flag"
	"fmt"
	"regexp"
	"strings"
)

// callerFlags are reach's --principal, --method, --path and --header: the
// request whose auth policies and listener rules reach evaluates instead of
// stating the policies' conditions and every route.
type callerFlags struct {
	principal, method, path string
	headers                 headerFlags
}

// anonymousCaller is the --principal value for unsigned requests.
const anonymousCaller = "anonymous"

var (
	principalForm = regexp.MustCompile(`^([0-9]{12}|arn:[a-z-]+:(iam|sts)::[0-9]{12}:.+)$`)
	methodForm    = regexp.MustCompile(`^[A-Za-z]+$`)
)

func (c *callerFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.principal, "principal", "", "evaluate the auth policies for this caller: an IAM role, assumed-role session, user or account root ARN, an account id, or 'anonymous' (unsigned requests)")
	fs.StringVar(&c.method, "method", "", "the request's HTTP method (auth conditions, listener rules)")
	fs.StringVar(&c.path, "path", "", "the request's path, query string included (auth policy resources, listener rules)")
	fs.Var(&c.headers, "header", "a request header `NAME=VALUE` (repeatable): the request carries exactly the headers given")
}

// request is the reach policies' input.request, nil when no flag describes
// one. It has a "principal" key only with --principal (null: anonymous), and
// headers (possibly none) once any part of the HTTP request is described.
func (c *callerFlags) request() (map[string]any, error) {
	described := c.method != "" || c.path != "" || len(c.headers) > 0
	if c.principal == "" && !described {
		return nil, nil
	}
	r := map[string]any{"method": nil, "path": nil, "headers": nil}
	switch {
	case c.principal == anonymousCaller:
		r["principal"] = nil
	case c.principal != "" && !principalForm.MatchString(c.principal):
		return nil, fmt.Errorf("--principal %q: want an IAM principal ARN (arn:aws:iam::111122223333:role/name, arn:aws:sts::111122223333:assumed-role/name/session …), an account id or %q", c.principal, anonymousCaller)
	case c.principal != "":
		r["principal"] = c.principal
	}
	if c.method != "" {
		if !methodForm.MatchString(c.method) {
			return nil, fmt.Errorf("--method %q: want an HTTP method such as GET", c.method)
		}
		r["method"] = c.method
	}
	if c.path != "" {
		if !strings.HasPrefix(c.path, "/") {
			return nil, fmt.Errorf("--path %q: a request path starts with /", c.path)
		}
		r["path"] = c.path
	}
	if described {
		h := map[string]any{}
		for _, kv := range c.headers {
			name, value, _ := strings.Cut(kv, "=")
			name = strings.ToLower(strings.TrimSpace(name))
			if prev, ok := h[name]; ok {
				value = prev.(string) + "," + value // repeated headers combine as HTTP does
			}
			h[name] = value
		}
		r["headers"] = h
	}
	return r, nil
}

// into sets the request of a reach question; a matrix takes none.
func (c *callerFlags) into(q *reachQuery) error {
	r, err := c.request()
	if err != nil {
		return err
	}
	if r != nil && q.matrix {
		return errors.New("--matrix answers for no particular caller: it takes no --principal, --method, --path or --header")
	}
	q.request = r
	return nil
}

// headerFlags collects repeated --header NAME=VALUE flags.
type headerFlags []string

func (h *headerFlags) String() string { return strings.Join(*h, " ") }

func (h *headerFlags) Set(v string) error {
	name, _, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return errors.New("want NAME=VALUE")
	}
	*h = append(*h, v)
	return nil
}
