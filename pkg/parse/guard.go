package parse

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/parse/terraform"
)

// localModuleSources is terraform.LocalModuleSources for discovery, which
// parses every Terraform file once more: a panic there costs the folder's
// module calls, reported as an internal error naming the folder, not the run.
func localModuleSources(dir, root string, ds *diag.Diagnostics) (out []string) {
	defer func() {
		if r := recover(); r != nil {
			out = nil
			ds.Errorf(model.Range{File: relTo(root, dir)},
				"internal error while looking for module calls: %v (please report it with the folder's files)", r)
		}
	}()
	return terraform.LocalModuleSources(dir)
}

// noteSymlink says why discovery did not follow a symbolic link, for the
// links that would otherwise pass silently: folders (a loop among them),
// template candidates, and links that lead nowhere. A linked .tf or .tfvars
// file is read with its folder by the Terraform front end.
func noteSymlink(p, root string, ds *diag.Diagnostics) {
	name := filepath.Base(p)
	for _, ext := range []string{".tf", ".tf.json", ".tfvars", ".tfvars.json"} {
		if strings.HasSuffix(name, ext) {
			return
		}
	}
	rng := model.Range{File: relTo(root, p)}
	st, err := os.Stat(p)
	var pe *fs.PathError
	switch {
	case errors.Is(err, syscall.ELOOP):
		ds.Notef(rng, "symbolic link not followed: it leads to itself (a loop)")
	case errors.As(err, &pe):
		ds.Notef(rng, "symbolic link not followed: its target %s", describe(pe.Err))
	case err != nil:
		ds.Notef(rng, "symbolic link not followed: %v", err)
	case st.IsDir():
		ds.Notef(rng, "symbolic link to a folder not followed (lint the folder itself to include it)")
	case isDataFile(name):
		ds.Notef(rng, "symbolic link not followed (lint the file itself to include it)")
	}
}

func describe(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "does not exist"
	}
	return fmt.Sprintf("cannot be read: %v", err)
}

func isDataFile(name string) bool {
	for _, ext := range []string{".yaml", ".yml", ".json", ".template"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// withCycles adds to roots the folders no root reaches through module calls:
// folders that only call each other in a cycle would otherwise all count as
// modules and pass silently unread. Each such cycle is read from its first
// folder in name order; the Terraform front end then reports the recursion.
func withCycles(roots []string, dirs map[string]bool, calls map[string][]string) []string {
	reached := map[string]bool{}
	var walk func(string)
	walk = func(d string) {
		if reached[d] {
			return
		}
		reached[d] = true
		for _, c := range calls[d] {
			walk(c)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	rest := make([]string, 0, len(dirs))
	for d := range dirs {
		if !reached[d] {
			rest = append(rest, d)
		}
	}
	sort.Strings(rest)
	for _, d := range rest {
		if !reached[d] {
			roots = append(roots, d)
			walk(d)
		}
	}
	sort.Strings(roots)
	return roots
}
