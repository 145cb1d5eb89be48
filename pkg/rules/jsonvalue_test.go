package rules

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestJSONValueMatchesOPA checks jsonValue against OPA's own conversion.
func TestJSONValueMatchesOPA(t *testing.T) {
	model, err := json.Marshal(syntheticModel(t, 20))
	if err != nil {
		t.Fatal(err)
	}
	cases := []string{
		string(model),
		`{}`, `[]`, ` { "a" : [ 1 , -2.5e3 , true , false , null ] } `,
		`"esc\"aped \\ \/ \n \u00e9 \ud83d\ude00 <&>"`, `"plain é 😀"`,
		`12345678901234567890123`, `0`, `-0.0`,
		`{"dup": 1, "nested": {"a": {"b": [{"c": []}]}}}`,
	}
	for _, c := range cases {
		want, err := ast.ValueFromReader(strings.NewReader(c))
		if err != nil {
			t.Fatalf("OPA rejects %q: %v", c, err)
		}
		got, err := jsonValue([]byte(c))
		if err != nil {
			t.Errorf("jsonValue(%.60q): %v", c, err)
			continue
		}
		if got.Compare(want) != 0 {
			t.Errorf("jsonValue(%.60q) = %.200v\nwant %.200v", c, got, want)
		}
	}
	for _, bad := range []string{``, `{`, `[1,]`, `{"a" 1}`, `{"a":1,}`, `"open`, `tru`, `1 2`, `{1:2}`, "\"a\x01\"", `-`, `01x`} {
		if _, err := jsonValue([]byte(bad)); err == nil {
			t.Errorf("jsonValue(%q): no error", bad)
		}
	}
}
