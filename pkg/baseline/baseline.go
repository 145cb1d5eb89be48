// Package baseline records the findings a repository has today so that a
// team adopting lattice-lint fails only on new ones: `lint --write-baseline
// FILE` writes it, `lint --baseline FILE` hides what it records and counts
// what has been fixed since.
//
// Findings are matched by fingerprint (package fingerprint), never by line:
// moving code, inserting lines above a resource or reordering files keeps a
// recorded finding hidden. The file is sorted JSON, one finding per object,
// without positions, so it diffs well and does not change when code moves.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/fingerprint"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// Version is the version of the baseline file format.
const Version = 1

// File is a baseline document.
type File struct {
	// Version is the format version (Version).
	Version int `json:"version"`
	// FingerprintScheme is the fingerprint.Key the fingerprints were made
	// with; a baseline of another scheme matches nothing and is refused.
	FingerprintScheme string `json:"fingerprint_scheme"`
	// Findings are the recorded findings, sorted by rule, source, address,
	// attribute and fingerprint.
	Findings []Entry `json:"findings"`
}

// Entry is one recorded finding. Only Fingerprint is used for matching; the
// rest tells a reviewer of the file what was accepted.
type Entry struct {
	RuleID      string `json:"rule_id"`
	Source      string `json:"source"`
	Address     string `json:"address"`
	Attribute   string `json:"attribute,omitempty"`
	Message     string `json:"message"`
	Fingerprint string `json:"fingerprint"`
}

// Build records findings; root is the report root fingerprints are relative to.
func Build(fs []finding.Finding, root string) *File {
	b := &File{Version: Version, FingerprintScheme: fingerprint.Key, Findings: []Entry{}}
	seen := map[string]bool{}
	for _, f := range fs {
		fp := fingerprint.Of(f, root)
		if seen[fp] {
			continue // two findings with one fingerprint are one entry
		}
		seen[fp] = true
		b.Findings = append(b.Findings, Entry{RuleID: f.RuleID, Source: fingerprint.Scope(f.Entity, root),
			Address: f.Address, Attribute: f.Attribute, Message: f.Message, Fingerprint: fp})
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		for _, c := range [][2]string{{x.RuleID, y.RuleID}, {x.Source, y.Source}, {x.Address, y.Address},
			{x.Attribute, y.Attribute}, {x.Fingerprint, y.Fingerprint}} {
			if c[0] != c[1] {
				return c[0] < c[1]
			}
		}
		return false
	})
	return b
}

// Write renders b as indented JSON with a final newline.
func (b *File) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

var fingerprintPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Read decodes a baseline strictly: unknown keys, another version or
// fingerprint scheme, and malformed fingerprints are errors, because a
// baseline that silently matches nothing would fail every build at once, and
// one that matched too much would hide new findings.
func Read(r io.Reader, name string) (*File, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", name, err)
	}
	if len(data) > maxSize {
		return nil, fmt.Errorf("baseline %s: larger than %d bytes", name, maxSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b File
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline %s: %w (write one with lint --write-baseline %s)", name, err, name)
	}
	if dec.More() {
		return nil, fmt.Errorf("baseline %s: data after the JSON document", name)
	}
	switch {
	case b.Version != Version:
		return nil, fmt.Errorf("baseline %s: version %d, this lattice-lint reads version %d", name, b.Version, Version)
	case b.FingerprintScheme != fingerprint.Key:
		return nil, fmt.Errorf("baseline %s: fingerprints of scheme %q, this lattice-lint makes %q: write it again with lint --write-baseline",
			name, b.FingerprintScheme, fingerprint.Key)
	}
	for i, e := range b.Findings {
		if !fingerprintPattern.MatchString(e.Fingerprint) {
			return nil, fmt.Errorf("baseline %s: findings[%d]: fingerprint %q is not 64 hex digits", name, i, e.Fingerprint)
		}
	}
	return &b, nil
}

// maxSize bounds a baseline file (about 30,000 findings).
const maxSize = 16 << 20

// ErrNoReport is returned by Apply without a report.
var ErrNoReport = errors.New("baseline: no report")

// Apply hides the report's findings that b records: they move to
// rep.Suppressed (kind external, so SARIF shows them as dismissed), and
// rep.Baseline says how many were hidden and how many recorded findings no
// longer occur (fixed). name is the baseline as the user named it.
func Apply(rep *report.Report, b *File, name string) error {
	if rep == nil {
		return ErrNoReport
	}
	recorded := make(map[string]bool, len(b.Findings))
	for _, e := range b.Findings {
		recorded[e.Fingerprint] = true
	}
	seen := map[string]bool{}
	kept := rep.Findings[:0:0]
	hidden := 0
	for _, f := range rep.Findings {
		fp := fingerprint.Of(f, rep.Root)
		seen[fp] = true
		if !recorded[fp] {
			kept = append(kept, f)
			continue
		}
		hidden++
		rep.Suppressed = append(rep.Suppressed, report.Suppressed{Finding: f, Kind: report.External,
			Justification: "recorded in baseline " + name, At: model.Range{File: name}})
	}
	// A recorded finding now suppressed in the code is not fixed.
	for _, s := range rep.Suppressed {
		seen[fingerprint.Of(s.Finding, rep.Root)] = true
	}
	fixed := 0
	for fp := range recorded {
		if !seen[fp] {
			fixed++
		}
	}
	rep.Findings = kept
	rep.Baseline = &report.BaselineUse{File: name, Hidden: hidden, Fixed: fixed}
	return nil
}
