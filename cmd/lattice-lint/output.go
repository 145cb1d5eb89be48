package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/lattice-lint/lattice-lint/pkg/safefile"
)

// outputFlag registers -o/--output, which every subcommand has: what it
// prints goes to standard output, or to the file this names.
func outputFlag(fs *flag.FlagSet, what string) *string {
	out := fs.String("output", "", "write "+what+" to this file instead of standard output")
	fs.StringVar(out, "o", "", "shorthand for --output")
	return out
}

// emit writes what write produces to standard output (path "" or "-"), or
// to the file path names: by temporary file and rename, never through a
// symbolic link in the linted tree or the working folder, never over a file
// the run read (tree, nil when the command read no input); a device or FIFO
// is written through.
func emit(path string, tree *safefile.Tree, stdout io.Writer, write func(io.Writer) error) error {
	fill := func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if path == "" || path == "-" {
		if stdout == nil { // a file-only option (--write-baseline -)
			return errors.New("name a file: this output is not written to standard output")
		}
		return fill(stdout)
	}
	wd, _ := os.Getwd()
	return safefile.Write(path, fill, safefile.WriteOptions{Tree: tree, Guard: []string{wd}})
}

// noArguments refuses arguments a command does not take.
func noArguments(command string, args []string, stderr io.Writer) bool {
	if len(args) == 0 {
		return true
	}
	fmt.Fprintf(stderr, "lattice-lint: %s takes no arguments (got %q)\n", command, args)
	return false
}

// ruleFlags are input flags only policy evaluation reads.
var ruleFlags = []string{"policy", "timeout"}

// refuseRuleFlags refuses, in a command that evaluates no policy, the flags
// that would do nothing there; lint would have honoured them.
func refuseRuleFlags(command string, fs *flag.FlagSet, stderr io.Writer) bool {
	ok := true
	fs.Visit(func(f *flag.Flag) {
		for _, n := range ruleFlags {
			if f.Name == n && ok {
				fmt.Fprintf(stderr, "lattice-lint: %s evaluates no policy: --%s has no effect here (lint takes it)\n", command, n)
				ok = false
			}
		}
	})
	return ok
}
