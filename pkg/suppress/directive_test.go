package suppress

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseComment(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		ok         bool
		want       Directive
		problem    string // a substring of the one problem expected; "" = none
	}{
		{name: "hash", text: "# lattice-lint:ignore LAT-SEC-005 -- internal only\n", ok: true,
			want: Directive{RuleIDs: []string{"LAT-SEC-005"}, Reason: "internal only"}},
		{name: "slashes, ids and until", text: "// lattice-lint:ignore LAT-SEC-005,LAT-OBS-001 until=2027-06-30 -- legacy mesh",
			ok: true, want: Directive{RuleIDs: []string{"LAT-SEC-005", "LAT-OBS-001"}, Until: "2027-06-30", Reason: "legacy mesh"}},
		{name: "ids with a space after the comma", text: "#lattice-lint:ignore LAT-SEC-005, LAT-OBS-001 -- x", ok: true,
			want: Directive{RuleIDs: []string{"LAT-SEC-005", "LAT-OBS-001"}, Reason: "x"}},
		{name: "block comment on lines", text: "/* lattice-lint:ignore LAT-SEC-005\n * until=2027-01-01 -- a reason\n * on two lines */",
			ok: true, want: Directive{RuleIDs: []string{"LAT-SEC-005"}, Until: "2027-01-01", Reason: "a reason on two lines"}},
		{name: "ignore-file", text: "# lattice-lint:ignore-file LAT-OBS-001 -- logs go to the shared account", ok: true,
			want: Directive{File: true, RuleIDs: []string{"LAT-OBS-001"}, Reason: "logs go to the shared account"}},
		{name: "reason keeps its dashes", text: "# lattice-lint:ignore LAT-SEC-005 -- see INC-42 -- and the runbook", ok: true,
			want: Directive{RuleIDs: []string{"LAT-SEC-005"}, Reason: "see INC-42 -- and the runbook"}},
		{name: "plain comment", text: "# this service is public", ok: false},
		{name: "other tool", text: "# tflint-ignore: aws_instance_invalid_type", ok: false},
		{name: "no reason", text: "# lattice-lint:ignore LAT-SEC-005", ok: true, problem: "no reason"},
		{name: "empty reason", text: "# lattice-lint:ignore LAT-SEC-005 --", ok: true, problem: "empty reason"},
		{name: "no id", text: "# lattice-lint:ignore -- because", ok: true, problem: "no rule id"},
		{name: "bad date", text: "# lattice-lint:ignore LAT-SEC-005 until=30/06/2027 -- x", ok: true, problem: "not a date"},
		{name: "impossible date", text: "# lattice-lint:ignore LAT-SEC-005 until=2027-02-30 -- x", ok: true, problem: "not a calendar date"},
		{name: "unknown option", text: "# lattice-lint:ignore LAT-SEC-005 since=2027-02-01 -- x", ok: true, problem: "unknown option"},
		{name: "misspelt directive", text: "# lattice-lint:ignroe LAT-SEC-005 -- x", ok: true, problem: "unknown directive"},
		{name: "id of the wrong shape", text: "# lattice-lint:ignore LAT-SEC-005;LAT-OBS-001 -- x", ok: true, problem: "not a rule id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ParseComment(tc.text)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if tc.problem != "" {
				if len(got.Problems) != 1 || !strings.Contains(got.Problems[0], tc.problem) {
					t.Errorf("problems %q, want one containing %q", got.Problems, tc.problem)
				}
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
