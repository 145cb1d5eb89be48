package terraform

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// metaArguments are accepted on every resource.
var metaArguments = []string{"count", "for_each", "provider", "depends_on", "lifecycle", "provisioner",
	"connection", "tags", "tags_all", "region", "timeouts"}

// argumentHints name the right argument for mistakes that edit distance does
// not find (DOMAIN §2.1: the resource gateway takes vpc_id, unlike the rest).
var argumentHints = map[string]string{
	"aws_vpclattice_resource_gateway.vpc_identifier": "vpc_id",
}

// checkArguments reports unknown aws_vpclattice_* resource types and
// argument and block names, at every depth, that the table of a known type
// does not list. Terraform rejects them at plan time, so they are input errors
// (exit 2); read as absent, they would let a rule conclude from the absence.
func (b *builder) checkArguments(rd *resourceDecl) {
	if rd.data || b.l.argsChecked[rd] {
		return
	}
	t := tableOf(rd.typ)
	if t == nil && !strings.HasPrefix(rd.typ, "aws_vpclattice_") {
		return
	}
	b.l.argsChecked[rd] = true // once per declaration, not per module instance
	if t == nil {
		b.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown resource type",
			Detail: fmt.Sprintf("%s is not an aws_vpclattice_* resource type of the AWS provider; it is not read.%s",
				rd.typ, didYouMean(rd.typ, schema.Types(schema.AWS, "aws_vpclattice_"))),
			Subject: rd.block.LabelRanges[0].Ptr()})
		return
	}
	if !t.Open { // an open table lists only what the model reads
		b.checkNames(rd, t, columnOf(rd.typ), rd.body, "", rd.block.DefRange)
	}
}

// checkNames checks the names set in one block body (defined at rng)
// against the table: unknown names, and the arguments the provider requires.
func (b *builder) checkNames(rd *resourceDecl, t *schema.Resource, col schema.Column, body hcl.Body, path string, rng hcl.Range) {
	typ := rd.typ
	allowed := t.Names(col, path)
	if path == "" {
		allowed = append(allowed, metaArguments...)
	}
	names := bodyNames(body)
	if col == schema.AWS {
		b.checkRequired(rd, t, names, path, rng)
	}
	for _, n := range names {
		full := n.name
		if path != "" {
			full = path + "." + n.name
		}
		if contains(allowed, n.name) {
			if n.body != nil && t.IsBlock(col, full) {
				b.checkNames(rd, t, col, n.body, full, n.rng)
			}
			continue
		}
		best := schema.Suggest(n.name, allowed)
		if h, ok := argumentHints[typ+"."+full]; ok {
			best = h
		}
		hint := ""
		if best != "" {
			hint = fmt.Sprintf(" Did you mean %q?", best)
			b.l.markMisspelt(rd, strings.TrimPrefix(path+"."+best, "."), n.rng)
		}
		where := typ
		if path != "" {
			where += " block " + path
		}
		b.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unsupported argument",
			Detail:  fmt.Sprintf("%s has no argument or block %q; it is read as absent.%s", where, n.name, hint),
			Subject: n.rng.Ptr()})
	}
}

// checkRequired reports the arguments and blocks the provider requires that
// a block does not set; Terraform rejects it at plan time. Only what is
// written counts: an argument set to a value not known here is present. The
// model holds the missing value as unknown, never as absent.
func (b *builder) checkRequired(rd *resourceDecl, t *schema.Resource, names []namedRange, path string, rng hcl.Range) {
	if _, native := rd.body.(*hclsyntax.Body); !native && path != "" {
		return // JSON: nested blocks are object values, not read name by name
	}
	for _, req := range t.Required(path) {
		if slices.ContainsFunc(names, func(n namedRange) bool { return n.name == req }) {
			continue
		}
		where := rd.typ
		if path != "" {
			where += " block " + path
		}
		b.l.markMisspelt(rd, strings.TrimPrefix(path+"."+req, "."), rng)
		b.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing required argument",
			Detail: fmt.Sprintf("%s requires %q; it is read as unknown.", where, req), Subject: rng.Ptr()})
	}
}

type namedRange struct {
	name string
	rng  hcl.Range
	body hcl.Body // the content of a block (of a dynamic block's content), else nil
}

// bodyNames lists the attribute and block names set directly in a body;
// dynamic blocks count under their label.
func bodyNames(body hcl.Body) []namedRange {
	var out []namedRange
	if sb, ok := body.(*hclsyntax.Body); ok {
		for n, a := range sb.Attributes {
			out = append(out, namedRange{n, a.NameRange, nil})
		}
		for _, blk := range sb.Blocks {
			name, inner := blk.Type, hcl.Body(blk.Body)
			if name == "dynamic" && len(blk.Labels) == 1 {
				name, inner = blk.Labels[0], nil
				for _, c := range blk.Body.Blocks {
					if c.Type == "content" {
						inner = c.Body
					}
				}
			}
			out = append(out, namedRange{name, blk.TypeRange, inner})
		}
	} else if attrs, diags := body.JustAttributes(); !diags.HasErrors() {
		for n, a := range attrs {
			out = append(out, namedRange{n, a.NameRange, nil})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rng.Start.Byte < out[j].rng.Start.Byte })
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// didYouMean returns ` Did you mean "x"?` for the closest candidate, or "".
func didYouMean(name string, candidates []string) string {
	if best := schema.Suggest(name, candidates); best != "" {
		return fmt.Sprintf(" Did you mean %q?", best)
	}
	return ""
}

// markMisspelt remembers that a declaration meant to set path: the mappers
// make that field unknown instead of reading it as absent.
func (l *loader) markMisspelt(rd *resourceDecl, path string, rng hcl.Range) {
	k := rd.typ + "|" + rd.block.DefRange.String()
	if l.misspelt[k] == nil {
		l.misspelt[k] = map[string]model.Range{}
	}
	l.misspelt[k][path] = l.toRange(rng)
}
