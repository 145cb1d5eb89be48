package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// inputFlags are shared by every command that reads infrastructure code: the
// settings of the run, their defaults declared in package settings.
type inputFlags struct {
	settings.Settings
	root string // --root, absolute
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	f.Settings = settings.Default()
	f.RegisterFlags(fs)
	fs.Func("root", "folder report paths are relative to (default: the working directory); "+
		"CI tools resolve them against the checkout", func(v string) error {
		abs, err := filepath.Abs(v)
		if err != nil {
			return err
		}
		if st, err := os.Stat(abs); err != nil || !st.IsDir() {
			return fmt.Errorf("%s is not a folder", v)
		}
		f.root = abs
		return nil
	})
}

func (f *inputFlags) options(paths []string) lint.Options {
	s := f.Settings
	s.Paths = paths
	return lint.Options{Settings: s, Root: f.root, Version: toolVersion()}
}

// parseArgs parses flags that may come before, between or after paths, the way
// users of tflint and cfn-lint type them.
func parseArgs(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	fs.SetOutput(stderr)
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, errHelp
			}
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return paths, nil
		}
		if rest[0] == "--" {
			return append(paths, rest[1:]...), nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

// parseCommand parses a command's arguments; done is true when the command
// must stop now with code (-h answered, or a flag error already printed).
func parseCommand(fs *flag.FlagSet, args []string, stderr io.Writer) (paths []string, code int, done bool) {
	paths, err := parseArgs(fs, args, stderr)
	switch {
	case errors.Is(err, errHelp):
		return nil, exitOK, true
	case err != nil:
		return nil, exitError, true
	}
	return paths, exitOK, false
}

func usageFor(name, synopsis string, fs *flag.FlagSet, w io.Writer) func() {
	return func() {
		fmt.Fprintf(w, "Usage: lattice-lint %s\n\nFlags:\n", synopsis)
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}
