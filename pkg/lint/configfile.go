package lint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/config"
)

// loadConfig reads --config, else the nearest .lattice-lint.yaml: in the
// folder linted (the folder holding every path given; a file's own folder),
// then in each folder above it up to the repository root (the first folder
// holding .git), like .editorconfig; outside a repository only the folder
// linted, so nothing above the tree is read. Else the one in root (the
// working folder). No file is no configuration.
func loadConfig(explicit, root string, paths []string, read func(string) ([]byte, error)) (*config.Config, error) {
	if explicit != "" {
		return config.LoadWith(explicit, read)
	}
	start := lintedFolder(root, paths)
	var candidates []string
	for dir := start; ; {
		candidates = append(candidates, filepath.Join(dir, config.DefaultFile))
		if exists(filepath.Join(dir, ".git")) {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			// Not in a repository: the tree is the folder linted, and a
			// file above it (in /tmp, in a home folder) is not the project's.
			candidates = candidates[:1]
			break
		}
		dir = parent
	}
	candidates = append(candidates, filepath.Join(root, config.DefaultFile))
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			return config.LoadWith(c, read)
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("config: %w", err)
		}
	}
	return nil, nil
}

// lintedFolder is the deepest folder holding every path (absolute); root
// when no path is given.
func lintedFolder(root string, paths []string) string {
	if len(paths) == 0 {
		paths = []string{root}
	}
	var common []string
	for i, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return root
		}
		if st, err := os.Stat(abs); err == nil && !st.IsDir() {
			abs = filepath.Dir(abs) // a file holds no configuration
		}
		segs := strings.Split(abs, string(filepath.Separator))
		if i == 0 {
			common = segs
			continue
		}
		n := 0
		for n < len(common) && n < len(segs) && common[n] == segs[n] {
			n++
		}
		common = common[:n]
	}
	dir := strings.Join(common, string(filepath.Separator))
	if dir == "" {
		return string(filepath.Separator)
	}
	return dir
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
