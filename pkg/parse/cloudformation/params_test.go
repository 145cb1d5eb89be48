package cloudformation

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
)

func TestReadParams(t *testing.T) {
	tests := []struct {
		name, src string
		want      map[string]string
		wantErr   bool
	}{
		{"create-stack list", `[{"ParameterKey": "Env", "ParameterValue": "prod"}, {"ParameterKey": "Port", "ParameterValue": 8080},
			{"ParameterKey": "Old", "UsePreviousValue": true}]`, map[string]string{"Env": "prod", "Port": "8080"}, false},
		{"deploy file", `{"Parameters": {"Env": "dev", "Subnets": ["subnet-1", "subnet-2"]}, "Tags": {"team": "x"}}`,
			map[string]string{"Env": "dev", "Subnets": "subnet-1,subnet-2"}, false},
		{"plain object", "\xef\xbb\xbf{\"Env\": \"qa\", \"Debug\": true}", map[string]string{"Env": "qa", "Debug": "true"}, false},
		{"missing key", `[{"ParameterValue": "x"}]`, nil, true},
		{"bad value", `{"Env": {"nested": 1}}`, nil, true},
		{"not json", `Env=prod`, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "params.json")
			if err := os.WriteFile(p, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := ReadParams(p, nil)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if !tc.wantErr && !maps.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if _, err := ReadParams(filepath.Join(t.TempDir(), "none.json"), nil); err == nil {
		t.Error("missing file: no error")
	}
}

// TestParamsOverrideDefaults: --cfn-param values win over Default and decide conditions.
func TestParamsOverrideDefaults(t *testing.T) {
	r, _ := loadRun(t, Options{Params: map[string]string{"Env": "dev", "Unset": "yes"}}, "testdata/conditions/conditions.yaml")
	tpl := r.templates[0]
	for name, want := range map[string]tri{"IsProd": triFalse, "IsDev": triTrue, "Undecidable": triTrue} {
		if got := tpl.condition(name, nil); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
}
