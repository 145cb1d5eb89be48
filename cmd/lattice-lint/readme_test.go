package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestReadmeFlagTable keeps the README's `lint` flag table honest: every flag
// of `lattice-lint lint -h` has a row, every row names a real flag, and a row
// states each default the help prints (10485760 as "10 MiB", 10000 as "10,000").
// Defaults are declared once, in package settings; this test is what ties the
// README to them.
func TestReadmeFlagTable(t *testing.T) {
	inRepoRoot(t)
	code, _, help := cli(t, "lint", "-h")
	if code != exitOK {
		t.Fatalf("lint -h: exit %d", code)
	}
	defaults := helpDefaults(t, help)
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := flagRows(string(readme))
	if len(rows) == 0 {
		t.Fatal("README.md: no lint flag table found")
	}
	for name, def := range defaults {
		row, ok := rows[name]
		if !ok {
			t.Errorf("README.md: flag --%s has no row in the lint flag table", name)
			continue
		}
		if def == "" {
			continue
		}
		if want := readable(name, def); !strings.Contains(row, want) {
			t.Errorf("README.md: the row of --%s does not state its default %s:\n%s", name, want, row)
		}
	}
	for name := range rows {
		if _, ok := defaults[name]; !ok {
			t.Errorf("README.md: the lint flag table names --%s, which lint does not have", name)
		}
	}
}

// helpDefaults reads flag names and printed defaults ("" when none) from
// flag.PrintDefaults output.
func helpDefaults(t *testing.T, help string) map[string]string {
	t.Helper()
	out := map[string]string{}
	nameRe := regexp.MustCompile(`^  -([a-z][a-z0-9-]*)`)
	defRe := regexp.MustCompile(`\(default (.*)\)$`)
	var cur string
	for _, line := range strings.Split(help, "\n") {
		if m := nameRe.FindStringSubmatch(line); m != nil {
			cur = m[1]
			out[cur] = ""
			continue
		}
		if m := defRe.FindStringSubmatch(line); m != nil && cur != "" {
			if d, err := strconv.Unquote(m[1]); err == nil {
				out[cur] = d
			} else {
				out[cur] = m[1]
			}
		}
	}
	if len(out) < 10 {
		t.Fatalf("lint -h listed %d flags:\n%s", len(out), help)
	}
	return out
}

// flagRows maps each flag the README's flag table names to its row.
func flagRows(readme string) map[string]string {
	rows := map[string]string{}
	nameRe := regexp.MustCompile("`--?([a-z][a-z0-9-]*)")
	for _, line := range strings.Split(readme, "\n") {
		if !strings.HasPrefix(line, "| `-") {
			continue
		}
		first, _, _ := strings.Cut(strings.TrimPrefix(line, "| "), " | ")
		for _, m := range nameRe.FindAllStringSubmatch(first, -1) {
			rows[m[1]] = line
		}
	}
	return rows
}

// readable writes a default the way the README does.
func readable(name, def string) string {
	n, err := strconv.ParseInt(def, 10, 64)
	switch {
	case err != nil:
		return def
	case strings.HasSuffix(name, "-size") && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
