// Package output renders a lint report (package report) in the formats the CLI
// offers: human text, a versioned JSON document, SARIF 2.1.0, GitHub Actions
// workflow commands, JUnit XML, a Markdown pull-request comment and GitLab Code
// Quality. Every format is one file with one write function, listed
// in registry; output is deterministic for a given report, whatever the order of
// its findings, rules and diagnostics.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// Format names an output format.
type Format string

// Output formats.
const (
	FormatText        Format = "text"
	FormatJSON        Format = "json"
	FormatSARIF       Format = "sarif"
	FormatGitHub      Format = "github"
	FormatJUnit       Format = "junit"
	FormatMarkdown    Format = "markdown"
	FormatCodeQuality Format = "codequality"
)

// ToolName is the driver name in SARIF and the tool name in JSON.
const ToolName = "lattice-lint"

// InformationURI is the project home page, SARIF tool.driver.informationUri.
const InformationURI = "https://github.com/lattice-lint/lattice-lint"

// Options tune rendering. The zero value is valid: no colour, no source snippets.
type Options struct {
	// Color adds ANSI colour to the text format; other formats ignore it.
	Color bool
	// ReadFile returns the content of a file named as in the report: relative
	// to report.Root, forward slashes. It feeds the source snippets of the text
	// format; nil means no snippets. See ReadFromDir and ReadFromFS.
	ReadFile func(path string) ([]byte, error)
	// LinkBase turns file:line in the markdown format into links: the URL
	// a report path is appended to, such as
	// https://github.com/OWNER/REPO/blob/SHA/. Empty: no links.
	LinkBase string
	// Mermaid is a Mermaid diagram of the topology (without fence) that the
	// markdown format embeds; empty: none.
	Mermaid string
	// ShowSuppressed lists suppressed findings too, marked as such, in the
	// text, JSON and GitHub formats (SARIF always lists them, as suppressed
	// results).
	ShowSuppressed bool
}

type writeFunc func(w io.Writer, r *report.Report, opts Options) error

type formatEntry struct {
	format Format
	write  writeFunc
}

// registry lists every format in the order Formats reports them. Adding a
// format is one file with its write function plus one line here.
func registry() []formatEntry {
	return []formatEntry{
		{FormatText, writeText},
		{FormatJSON, writeJSON},
		{FormatSARIF, writeSARIF},
		{FormatGitHub, writeGitHub},
		{FormatJUnit, writeJUnit},
		{FormatMarkdown, writeMarkdown},
		{FormatCodeQuality, writeCodeQuality},
	}
}

// Formats lists the supported formats, for flag help and validation.
func Formats() []Format {
	var fs []Format
	for _, e := range registry() {
		fs = append(fs, e.format)
	}
	return fs
}

// ParseFormat accepts a format name as listed by Formats (case-insensitive).
func ParseFormat(s string) (Format, error) {
	want := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, e := range registry() {
		if e.format == want {
			return e.format, nil
		}
	}
	names := make([]string, 0, len(registry()))
	for _, f := range Formats() {
		names = append(names, string(f))
	}
	return "", fmt.Errorf("unknown output format %q (want one of %s)", s, strings.Join(names, ", "))
}

// Write renders r in the given format to w. The whole document is built in
// memory first, so w receives either all of it or nothing. Write does not modify r.
func Write(w io.Writer, format Format, r *report.Report, opts Options) error {
	if r == nil {
		return errors.New("output: nil report")
	}
	format, err := ParseFormat(string(format))
	if err != nil {
		return err
	}
	for _, e := range registry() {
		if e.format != format {
			continue
		}
		var buf bytes.Buffer
		if err := e.write(&buf, r, opts); err != nil {
			return fmt.Errorf("output %s: %w", format, err)
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("output %s: writing: %w", format, err)
		}
		return nil
	}
	return fmt.Errorf("output: format %q has no writer", format) // registry and ParseFormat disagree
}
