package settings

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestOrDefault(t *testing.T) {
	tests := []struct {
		name string
		in   Limits
		want Limits
	}{
		{"zero takes every default", Limits{}, DefaultLimits()},
		{"negative is no way to switch a bound off", Limits{MaxFileSize: -1, MaxInstances: -5}, DefaultLimits()},
		{"set fields stay", Limits{MaxFileSize: 1024, MaxModuleDepth: 2},
			Limits{MaxFileSize: 1024, MaxInstances: DefaultMaxInstances, MaxTotalInstances: DefaultMaxTotalInstances, MaxModuleDepth: 2,
				Values: DefaultLimits().Values}},
		{"a value budget set in part keeps the rest", Limits{Values: Values{Run: Budget{Bytes: 10}}},
			func() Limits { l := DefaultLimits(); l.Values.Run.Bytes = 10; return l }()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.OrDefault(); got != tt.want {
				t.Errorf("OrDefault() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRegisterFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want func(*Settings)
	}{
		{"no flags is Default", nil, func(*Settings) {}},
		{"every flag", []string{
			"--config", "c.yaml", "--policy", "p1", "--policy", "p2", "--var", "a=1", "--var-file", "v.tfvars",
			"--cfn-param", "Env=prod", "--cfn-params", "params.json", "--timeout", "5s", "--max-file-size", "1024",
			"--max-instances", "3", "--max-total-instances", "9", "--max-module-depth", "2", "--allow-outside-root",
		}, func(s *Settings) {
			s.ConfigFile, s.PolicyDirs, s.Timeout = "c.yaml", []string{"p1", "p2"}, 5*time.Second
			s.Terraform = Terraform{Vars: []string{"a=1"}, VarFiles: []string{"v.tfvars"}, ModulesOutsideRoot: true}
			s.CloudFormation = CloudFormation{Params: []string{"Env=prod"}, ParamFiles: []string{"params.json"}}
			s.Limits = Limits{MaxFileSize: 1024, MaxInstances: 3, MaxTotalInstances: 9, MaxModuleDepth: 2, Values: DefaultLimits().Values}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Default()
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			got.RegisterFlags(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			want := Default()
			tt.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.tfvars")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing")
	tests := []struct {
		name string
		s    Settings
		want string // "" = no error, else a substring
	}{
		{"usable", Settings{Paths: []string{dir}, Terraform: Terraform{Vars: []string{"a=1", "b="}, VarFiles: []string{file}},
			CloudFormation: CloudFormation{Params: []string{"Env=prod"}, ParamFiles: []string{file}}}, ""},
		{"var without =", Settings{Terraform: Terraform{Vars: []string{"a"}}}, `--var "a": want name=value`},
		{"var without name", Settings{Terraform: Terraform{Vars: []string{"=1"}}}, `--var "=1"`},
		{"cfn-param without =", Settings{CloudFormation: CloudFormation{Params: []string{"Env"}}}, `--cfn-param "Env": want Name=Value`},
		{"missing var file", Settings{Terraform: Terraform{VarFiles: []string{missing}}}, "--var-file: "},
		{"missing parameter file", Settings{CloudFormation: CloudFormation{ParamFiles: []string{missing}}}, "--cfn-params: "},
		{"missing path", Settings{Paths: []string{missing}}, "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.Check()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Check() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Check() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestParamValues(t *testing.T) {
	got, err := CloudFormation{Params: []string{"Env=dev", "Url=a=b", "Env=prod"}}.ParamValues()
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"Env": "prod", "Url": "a=b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ParamValues() = %v, want %v", got, want)
	}
}
