package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// Set at release build time (GoReleaser, the Dockerfile):
// -ldflags "-X main.version=1.2.3 -X main.commit=<sha> -X main.date=<RFC 3339>".
// A build without them (go install, go build in a clone) falls back to what
// the Go toolchain records: the module version and the VCS revision and time.
var (
	version = ""
	commit  = ""
	date    = ""
)

// buildInfo is what `version` prints.
type buildInfo struct {
	Version, Commit, Date string
	Modified              bool
}

func currentBuild() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: date}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return b.withDefaults()
	}
	if b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		b.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.Commit == "" {
				b.Commit = s.Value
			}
		case "vcs.time":
			if b.Date == "" {
				b.Date = s.Value
			}
		case "vcs.modified":
			b.Modified = b.Modified || (s.Value == "true" && commit == "")
		}
	}
	return b.withDefaults()
}

func (b buildInfo) withDefaults() buildInfo {
	if b.Version == "" {
		b.Version = "dev"
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	if b.Date == "" {
		b.Date = "unknown"
	}
	return b
}

// toolVersion is the version written into reports.
func toolVersion() string { return currentBuild().Version }

func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	out := outputFlag(fs, "the version")
	fs.Usage = usageFor("version", "version [-o FILE]", fs, stderr)
	extra, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
	}
	if !noArguments("version", extra, stderr) {
		return exitError
	}
	b := currentBuild()
	commit := b.Commit
	if b.Modified {
		commit += " (with uncommitted changes)"
	}
	err := emit(*out, nil, stdout, func(w io.Writer) error {
		_, err := fmt.Fprintf(w, "lattice-lint %s\ncommit: %s\nbuilt: %s\ngo: %s %s/%s\n", b.Version, commit, b.Date,
			runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return err
	})
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	return exitOK
}
