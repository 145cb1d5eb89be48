// Package config reads .lattice-lint.yaml: which account and Region each part of
// the repository deploys to, and per-rule switches.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/safefile"
)

// DefaultFile is looked up in the current directory when --config is not given.
const DefaultFile = ".lattice-lint.yaml"

// Attribution says who owns what a path deploys.
type Attribution struct {
	Account string `yaml:"account" json:"account,omitempty"`
	Region  string `yaml:"region" json:"region,omitempty"`
	Name    string `yaml:"name" json:"name,omitempty"`
}

// AccountMapping maps a path (file or folder, relative to the config file) to an account.
type AccountMapping struct {
	Path        string `yaml:"path"`
	Attribution `yaml:",inline"`
}

// RuleSetting switches a rule off or changes its severity.
type RuleSetting struct {
	Enabled  *bool  `yaml:"enabled"`
	Severity string `yaml:"severity"`
}

// Config is the parsed configuration file.
type Config struct {
	Accounts []AccountMapping       `yaml:"accounts"`
	Rules    map[string]RuleSetting `yaml:"rules"`
	// Policies are extra policy folders, relative to the config file.
	Policies []string `yaml:"policies"`

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
// relative paths.
func Parse(b []byte, path string) (*Config, error) {
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) { // an empty file is an empty config
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	abs, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	c.dir = abs
	for i, a := range c.Accounts {
		if a.Path == "" {
			return nil, fmt.Errorf("config %s: accounts[%d]: path is required", path, i)
		}
		if a.Account != "" && !model.IsAccountID(a.Account) {
			return nil, fmt.Errorf("config %s: accounts[%d]: account %q is not a 12-digit account id", path, i, a.Account)
		}
	}
	for id, s := range c.Rules {
		switch s.Severity {
		case "", "error", "warning", "info":
		default:
			return nil, fmt.Errorf("config %s: rules.%s: severity %q (want error, warning or info)", path, id, s.Severity)
		}
	}
	return c, nil
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
