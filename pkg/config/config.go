// Package config reads .lattice-lint.yaml: which account and Region each part of
// the repository deploys to, and per-rule switches.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/safefile"
)

// DefaultFile is looked up in the current directory when --config is not given.
const DefaultFile = ".lattice-lint.yaml"

// The doc, enum and pattern tags feed the JSON Schema of the file (Schema,
// docs/lattice-lint.schema.json); the yaml tags name the keys.

// Attribution says who owns what a path deploys.
type Attribution struct {
	Account string `yaml:"account" json:"account,omitempty" doc:"12-digit AWS account id the path deploys to." pattern:"^[0-9]{12}$"`
	Region  string `yaml:"region" json:"region,omitempty" doc:"AWS Region the path deploys to, e.g. eu-west-1."`
	Name    string `yaml:"name" json:"name,omitempty" doc:"A name for the account in reports and diagrams."`
}

// AccountMapping maps a path (file or folder, relative to the config file) to an account.
type AccountMapping struct {
	Path        string `yaml:"path" doc:"File or folder, relative to the configuration file; the most specific mapping wins." required:"true"`
	Attribution `yaml:",inline"`
}

// RuleSetting switches a rule off or changes its severity.
type RuleSetting struct {
	Enabled  *bool  `yaml:"enabled" doc:"false switches the rule off."`
	Severity string `yaml:"severity" doc:"Replaces the rule's default severity (findings a rule raises at another severity on purpose keep theirs)." enum:"error|warning|info"`
}

// Config is the parsed configuration file.
type Config struct {
	Accounts []AccountMapping       `yaml:"accounts" doc:"Who owns what each file or folder deploys."`
	Rules    map[string]RuleSetting `yaml:"rules" doc:"Per-rule settings, by rule id (lattice-lint rules lists them); an unknown id is an error."`
	// Policies are extra policy folders, relative to the config file.
	Policies []string `yaml:"policies" doc:"Extra Rego policy folders, relative to the configuration file."`
	// IgnorePaths are globs of files and folders not to lint.
	IgnorePaths []string `yaml:"ignore_paths" doc:"Files and folders not to lint: globs relative to the configuration file, with / separators; * matches within a path segment, ** any number of segments (vendor/**, **/testdata/**, legacy/*.yaml)."`
	Quotas      Quotas   `yaml:"quotas" doc:"Adjustable VPC Lattice quotas as your accounts have them after increases (the LAT-QTA rules compare with them); AWS's defaults otherwise. Hard limits cannot be overridden."`
	// RequiredTags are tag keys every VPC Lattice resource must carry.
	RequiredTags []string `yaml:"required_tags" doc:"Tag keys your organisation requires on every VPC Lattice resource (LAT-HYG-001 reports, as info, a Terraform resource surely without one, provider default_tags included); none by default."`

	// dir is the directory the config file is in; mapping paths are relative to it.
	dir string
}

// MaxSize bounds the configuration file Load reads.
const MaxSize = 1 << 20

// Load reads a configuration file: a regular file of at most MaxSize bytes (a
// link to /dev/zero or a FIFO is refused, not read forever). A missing file is
// an error; callers decide whether the default file is optional.
func Load(path string) (*Config, error) {
	return LoadWith(path, func(p string) ([]byte, error) { return safefile.ReadFile(p, MaxSize) })
}

// LoadWith is Load reading the file with read (which records what the run read).
func LoadWith(path string, read func(string) ([]byte, error)) (*Config, error) {
	b, err := read(path)
	if err != nil {
		return nil, fmt.Errorf("config: %s:1:1: %w", path, err)
	}
	return Parse(b, path)
}

// Parse reads configuration from bytes; path names the file in errors and anchors
// relative paths. Every error names the file and line: unknown keys, values of
// the wrong type, and values the schema does not allow.
func Parse(b []byte, path string) (*Config, error) {
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) { // an empty file is an empty config
		return nil, decodeError(path, err)
	}
	var doc yaml.Node // for the lines of the checks below
	_ = yaml.Unmarshal(b, &doc)
	at := func(keys ...any) string { return fmt.Sprintf("%s:%d", path, lineOf(&doc, keys...)) }
	abs, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	c.dir = abs
	for i, a := range c.Accounts {
		if a.Path == "" {
			return nil, fmt.Errorf("config %s: accounts[%d]: path is required", at("accounts", i), i)
		}
		if a.Account != "" && !model.IsAccountID(a.Account) {
			return nil, fmt.Errorf("config %s: accounts[%d]: account %q is not a 12-digit account id", at("accounts", i, "account"), i, a.Account)
		}
	}
	for id, s := range c.Rules {
		switch s.Severity {
		case "", "error", "warning", "info":
		default:
			return nil, fmt.Errorf("config %s: rules.%s: severity %q (want error, warning or info)", at("rules", id, "severity"), id, s.Severity)
		}
	}
	if err := c.Quotas.check(at); err != nil {
		return nil, fmt.Errorf("config %w", err)
	}
	for i, k := range c.RequiredTags {
		if k == "" || len(k) > 128 || strings.HasPrefix(strings.ToLower(k), "aws:") {
			return nil, fmt.Errorf("config %s: required_tags[%d]: %q is not a tag key you can set (1 to 128 characters, not starting with aws:)", at("required_tags", i), i, k)
		}
	}
	for i, g := range c.IgnorePaths {
		if err := checkGlob(g); err != nil {
			return nil, fmt.Errorf("config %s: ignore_paths[%d]: %q: %v", at("ignore_paths", i), i, g, err)
		}
	}
	return c, nil
}

// typeErrorLine rewrites the yaml decoder's messages in the file's terms.
var (
	unknownKey = regexp.MustCompile(`^line (\d+): field (.+) not found in type \S+$`)
	wrongType  = regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+) `(.*)` into (\\S+)$")
	syntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// decodeError names the file and line of every problem the decoder found.
func decodeError(path string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs := make([]string, 0, len(te.Errors))
		for _, e := range te.Errors {
			switch {
			case unknownKey.MatchString(e):
				m := unknownKey.FindStringSubmatch(e)
				msgs = append(msgs, fmt.Sprintf("%s:%s: unknown key %q (see %s)", path, m[1], m[2], SchemaURL))
			case wrongType.MatchString(e):
				m := wrongType.FindStringSubmatch(e)
				msgs = append(msgs, fmt.Sprintf("%s:%s: %s %q where %s is expected", path, m[1], yamlKind(m[2]), m[3], goKind(m[4])))
			default:
				msgs = append(msgs, path+": "+e)
			}
		}
		return fmt.Errorf("config %s", strings.Join(msgs, "; "))
	}
	if m := syntaxLine.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("config %s:%s: %s", path, m[1], m[2])
	}
	return fmt.Errorf("config %s: %w", path, err)
}

func yamlKind(tag string) string {
	switch tag {
	case "str":
		return "the text"
	case "int", "float":
		return "the number"
	case "bool":
		return "the boolean"
	case "map":
		return "a mapping"
	case "seq":
		return "a list"
	}
	return "the value"
}

// goKind says what a Go type is in YAML terms.
func goKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map["), strings.HasPrefix(goType, "config."):
		return "a mapping"
	case goType == "bool", goType == "*bool":
		return "true or false"
	case goType == "string":
		return "text"
	}
	return goType
}

// lineOf finds the line of a key path (mapping keys as strings, list
// indexes as ints) in a decoded document; 0 when it is not there.
func lineOf(n *yaml.Node, keys ...any) int {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, k := range keys {
		var next *yaml.Node
		switch k := k.(type) {
		case string:
			for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k {
					next = n.Content[i+1]
					line = n.Content[i].Line
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && k < len(n.Content) {
				next = n.Content[k]
				line = next.Line
			}
		}
		if next == nil {
			return line
		}
		n = next
	}
	return line
}

// Attribute returns the attribution of the most specific mapping that contains
// path (absolute, or relative to the working directory). A zero Attribution
// means nothing is known.
func (c *Config) Attribute(path string) Attribution {
	if c == nil || len(c.Accounts) == 0 {
		return Attribution{}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return Attribution{}
	}
	best, bestLen := Attribution{}, -1
	for _, a := range c.Accounts {
		p := filepath.Clean(filepath.Join(c.dir, a.Path))
		if abs == p || strings.HasPrefix(abs, p+string(filepath.Separator)) {
			if len(p) > bestLen {
				best, bestLen = a.Attribution, len(p)
			}
		}
	}
	return best
}

// PolicyDirs returns the extra policy folders, resolved against the config file.
func (c *Config) PolicyDirs() []string {
	if c == nil {
		return nil
	}
	out := make([]string, 0, len(c.Policies))
	for _, p := range c.Policies {
		if !filepath.IsAbs(p) {
			p = filepath.Join(c.dir, p)
		}
		out = append(out, p)
	}
	return out
}
