package parse

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

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
