package rules

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestBoundedBuiltins: the builtins that can build a value much larger than
// their operands give their usual result under the limit, and stop
// evaluation with a positioned error, before building it, over the limit.
func TestBoundedBuiltins(t *testing.T) {
	const limit = 4096
	tests := []struct {
		name, expr string
		want       string // the message, or "" when refused
	}{
		{"replace", `replace("a-b-c", "-", "+")`, "a+b+c"},
		{"replace squared", `replace(concat("", [x | some _ in numbers.range(1, 80); x := "x"]), "x", concat("", [x | some _ in numbers.range(1, 80); x := "x"]))`, ""},
		{"replace_n", `strings.replace_n({"a": "1", "b": "2"}, "abc")`, "12c"},
		{"replace_n growing", `strings.replace_n({"a": concat("", [x | some _ in numbers.range(1, 100); x := "y"])}, concat("", [x | some _ in numbers.range(1, 100); x := "a"]))`, ""},
		{"regex.replace", `regex.replace("a1b2", "[0-9]", "#")`, "a#b#"},
		{"regex.replace with groups", `regex.replace(concat("", [x | some _ in numbers.range(1, 64); x := "ab"]), "(a)", "$1$1$1$1")`, ""},
		{"concat", `concat(",", ["a", "b"])`, "a,b"},
		{"concat of one string many times", `concat("", [s | some _ in numbers.range(1, 1000); s := "0123456789"])`, ""},
		{"sprintf", `sprintf("%s=%d", ["port", 443])`, "port=443"},
		{"sprintf width", `sprintf("%99999999d", [1])`, ""},
		{"sprintf of a large array", `sprintf("%v", [[s | some _ in numbers.range(1, 1000); s := "0123456789"]])`, ""},
		{"json.marshal", `json.marshal({"a": [1, 2]})`, `{"a":[1,2]}`},
		{"json.marshal of repeats", `json.marshal([s | some _ in numbers.range(1, 1000); s := "0123456789"])`, ""},
		{"yaml.marshal of repeats", `yaml.marshal([s | some _ in numbers.range(1, 1000); s := "0123456789"])`, ""},
		{"json.marshal_with_options", `json.marshal_with_options([s | some _ in numbers.range(1, 1000); s := "0123456789"], {"pretty": true})`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePolicies(t, map[string]string{"p.rego": userPolicy("p", validCustom,
				"deny contains {\"entity\": s.id, \"message\": msg} if {\n\tsome s in input.services\n\tmsg := "+tt.expr+"\n}")})
			e := newEngine(t, Options{PolicyDirs: []string{dir}, ValueBytes: limit})
			fs, err := e.Evaluate(context.Background(), newModel(t, lonelyService()))
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), "would build a value larger than") || !regexp.MustCompile(`p\.rego:\d+:\d+: `+regexp.QuoteMeta(strings.Fields(tt.expr)[0][:strings.Index(tt.expr, "(")])).MatchString(err.Error()) {
					t.Fatalf("want a positioned refusal, got %v", err)
				}
				if strings.Contains(err.Error(), boundedPrefix) {
					t.Errorf("the message must name the builtin the policy calls: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				if f.RuleID == "ACME-001" {
					got = append(got, f.Message)
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("messages %q, want %q", got, tt.want)
			}
		})
	}
}

// TestUnboundableBuiltinsRefused: builtins whose result size cannot be known
// before building it do not compile, and the message says why.
func TestUnboundableBuiltinsRefused(t *testing.T) {
	for _, call := range []string{`strings.render_template("{{.a}}", {"a": "x"})`, `graph.reachable_paths({"a": ["b"]}, {"a"})`} {
		dir := writePolicies(t, map[string]string{"p.rego": userPolicy("p", validCustom,
			"deny contains {\"entity\": s.id, \"message\": sprintf(\"%v\", [x])} if {\n\tsome s in input.services\n\tx := "+call+"\n}")})
		_, err := NewEngine(context.Background(), Options{PolicyDirs: []string{dir}})
		if err == nil || !strings.Contains(err.Error(), "cannot be bounded") || !strings.Contains(err.Error(), "p.rego:") {
			t.Errorf("%s: got %v", call, err)
		}
	}
}

// TestCompileErrorsNameTheBuiltin: a type error in a call of a bounded
// builtin reads as the author wrote it.
func TestCompileErrorsNameTheBuiltin(t *testing.T) {
	dir := writePolicies(t, map[string]string{"p.rego": userPolicy("p", validCustom,
		"deny contains {\"entity\": s.id, \"message\": replace(1, 2, 3)} if {\n\tsome s in input.services\n}")})
	_, err := NewEngine(context.Background(), Options{PolicyDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "replace") || strings.Contains(err.Error(), boundedPrefix) {
		t.Errorf("got %v", err)
	}
}

// TestHeapWatchdog: a policy that grows memory step by step, each step small,
// stops at the heap limit with an error that says so.
func TestHeapWatchdog(t *testing.T) {
	dir := writePolicies(t, map[string]string{"p.rego": userPolicy("p", validCustom,
		`deny contains {"entity": s.id, "message": sprintf("%d", [count(xs)])} if {
	some s in input.services
	big := concat("", [x | some _ in numbers.range(1, 4096); x := "0123456789abcdef"])
	xs := [y | some i in numbers.range(1, 100000000); y := sprintf("%d%s", [i, big])]
}`)})
	e := newEngine(t, Options{PolicyDirs: []string{dir}, Memory: 64 << 20})
	_, err := e.Evaluate(context.Background(), newModel(t, lonelyService()))
	if err == nil || !strings.Contains(err.Error(), "grew the heap by more than") {
		t.Fatalf("got %v", err)
	}
}
