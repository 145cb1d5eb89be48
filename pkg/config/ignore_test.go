package config

import (
	"path/filepath"
	"testing"
)

func TestIgnored(t *testing.T) {
	dir := t.TempDir()
	c, err := Parse([]byte("ignore_paths: ['vendor', '**/testdata/**', 'legacy/*.yaml', 'stacks/old-*']\n"),
		filepath.Join(dir, DefaultFile))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		"vendor":                      true,
		"vendor/mod/main.tf":          true, // below an ignored folder
		"testdata/a.yaml":             true, // ** matches no folder too
		"x/y/testdata/z/a.tf":         true,
		"legacy/a.yaml":               true,
		"legacy/sub/a.yaml":           false, // * stays within a segment
		"stacks/old-net.yaml":         true,
		"stacks/net.yaml":             false,
		"main.tf":                     false,
		"../outside/vendor/a.tf":      false, // outside the configuration's folder
		"vendorized/main.tf":          false,
		"src/vendor/main.tf":          false, // patterns are anchored at the configuration's folder
		"app/testdata-not/a.tf":       false,
		"x/testdata":                  true,
		"legacy/a.yml":                false,
		"stacks/old-net/template.yml": true,
	} {
		if got := c.Ignored(filepath.Join(dir, filepath.FromSlash(path))); got != want {
			t.Errorf("Ignored(%s) = %v, want %v", path, got, want)
		}
	}
	var none *Config
	if none.Ignored(dir) {
		t.Error("no configuration ignores nothing")
	}
}
