// Package fingerprint identifies a finding across commits, so that a baseline,
// `lint --since`, SARIF code scanning and issue trackers can tell a known
// finding from a new one after unrelated code moved.
//
// A fingerprint is built from what a reviewer would call "the same problem":
// the rule, the entity (its root folder or template and its address), the
// attribute, and the stable parts of the message — the other entities it
// names (the finding's related entities). Line numbers, columns and the
// message's prose are left out: inserting lines above a resource or rewording
// a message in a new release keeps every fingerprint.
package fingerprint

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
)

// Key names the SARIF partialFingerprints entry. Its suffix changes whenever
// Of changes, so code scanning treats old and new values as two schemes
// instead of closing every alert and opening it again.
const Key = "latticeLint/v2"

// Of returns the fingerprint of f: 64 lower-case hex digits. root is the
// report root; an entity id under it is made relative first, so running from
// another checkout location gives the same value.
func Of(f finding.Finding, root string) string {
	addr := f.Address
	if addr == "" {
		addr = f.Entity
	}
	h := sha256.New()
	write := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	write(f.RuleID)
	write(Scope(f.Entity, root))
	write(addr)
	write(f.Attribute)
	write(relatedDigest(f.Related, root))
	return hex.EncodeToString(h.Sum(nil))
}

// relatedDigest hashes the entities a finding involves besides its subject,
// sorted so that the order a rule lists them in does not matter. It separates
// two findings of one rule on one attribute that name different partners
// (the VPC's first association versus its second).
func relatedDigest(rel []finding.Related, root string) string {
	if len(rel) == 0 {
		return ""
	}
	parts := make([]string, 0, len(rel))
	for _, r := range rel {
		addr := r.Address
		if addr == "" {
			addr = r.Entity
		}
		parts = append(parts, Scope(r.Entity, root)+"\x1f"+addr)
	}
	slices.Sort(parts)
	parts = slices.Compact(parts)
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x1e")))
	return hex.EncodeToString(sum[:])
}

// Scope returns the "<root folder or template>" part of an entity id
// ("<root or template>//<address>") with forward slashes, relative to root
// when it is absolute.
func Scope(entity, root string) string {
	scope, _, ok := strings.Cut(entity, "//")
	if !ok {
		return ""
	}
	if root != "" && filepath.IsAbs(scope) {
		if rel, err := filepath.Rel(root, scope); err == nil {
			scope = rel
		}
	}
	return filepath.ToSlash(scope)
}
