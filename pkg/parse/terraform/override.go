package terraform

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Override files (override.tf, *_override.tf and their .tf.json forms) are
// Terraform's way to patch a module without editing it: they are read after
// the module's other files, in name order, and each of their top-level blocks
// merges into the block of the same header instead of declaring a second one.
// Reading them as ordinary files would report "Duplicate resource" and check
// the value the override replaces.

// isOverrideFile reports whether Terraform merges the file into the others.
func isOverrideFile(path string) bool {
	stem := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".json"), ".tf")
	return stem == "override" || strings.HasSuffix(stem, "_override")
}

// mergeOverride merges the top-level blocks of one override file into the
// module, in the order they appear.
func (md *moduleDecl) mergeOverride(body hcl.Body) hcl.Diagnostics {
	content, _, diags := body.PartialContent(rootSchema)
	for _, b := range content.Blocks {
		switch b.Type {
		case "resource", "data":
			diags = append(diags, md.overrideResource(b)...)
		case "variable":
			diags = append(diags, md.overrideVariable(b)...)
		case "locals":
			diags = append(diags, md.overrideLocals(b)...)
		case "output":
			diags = append(diags, md.overrideOutput(b)...)
		case "module":
			diags = append(diags, md.overrideModule(b)...)
		case "provider":
			diags = append(diags, md.overrideProvider(b)...)
		case "terraform":
			// Settings merge one by one; of them only the backend shapes the
			// topology, and a backend or cloud block in the override replaces it.
			md.addBackend(b)
		}
	}
	return diags
}

func missingBase(what, name string, b *hcl.Block) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing base " + what + " for override",
		Detail: fmt.Sprintf("An override file may only change an existing %s; there is no %s %q in the module's other files.",
			what, what, name),
		Subject: b.DefRange.Ptr()}
}

// noDependsOn refuses depends_on in an override block, as Terraform does.
func noDependsOn(body hcl.Body) hcl.Diagnostics {
	if a, ok := topAttributes(body)["depends_on"]; ok {
		return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Unsupported override",
			Detail: "depends_on cannot be overridden.", Subject: a.NameRange.Ptr()}}
	}
	return nil
}

// merged returns the base block with the override's body merged into it. The
// block keeps the base's header and position, so the entity is where it was
// declared; each attribute keeps its own range, so a finding about an
// overridden value points at the override file.
func merged(base, over *hcl.Block, perArgument map[string]bool) *hcl.Block {
	out := *base
	out.Body = mergeBodies(base.Body, over.Body, perArgument)
	return &out
}

func (md *moduleDecl) overrideResource(b *hcl.Block) hcl.Diagnostics {
	key := b.Labels[0] + "." + b.Labels[1]
	what := "resource"
	if b.Type == "data" {
		key, what = "data."+key, "data source"
	}
	base, ok := md.resources[key]
	if !ok {
		return hcl.Diagnostics{missingBase(what, b.Labels[0]+"."+b.Labels[1], b)}
	}
	diags := noDependsOn(b.Body)
	r, d := newResourceDecl(merged(base.block, b, map[string]bool{"lifecycle": true}))
	diags = append(diags, d...)
	md.resources[key] = r
	for i, o := range md.order {
		if o == base {
			md.order[i] = r
		}
	}
	return diags
}

func (md *moduleDecl) overrideVariable(b *hcl.Block) hcl.Diagnostics {
	base, ok := md.variables[b.Labels[0]]
	if !ok {
		return hcl.Diagnostics{missingBase("variable", b.Labels[0], b)}
	}
	v, diags := newVariableDecl(merged(base.block, b, nil))
	md.variables[v.name] = v
	return diags
}

// overrideLocals replaces local values one by one, whichever locals block
// declared them.
func (md *moduleDecl) overrideLocals(b *hcl.Block) hcl.Diagnostics {
	attrs, diags := b.Body.JustAttributes()
	for n, a := range attrs {
		if _, ok := md.locals[n]; !ok {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing base local value for override",
				Detail:  fmt.Sprintf("An override file may only change an existing local value; local.%s is not declared in the module's other files.", n),
				Subject: a.NameRange.Ptr()})
			continue
		}
		md.locals[n] = a
	}
	return diags
}

func (md *moduleDecl) overrideOutput(b *hcl.Block) hcl.Diagnostics {
	name := b.Labels[0]
	if _, ok := md.outputs[name]; !ok {
		return hcl.Diagnostics{missingBase("output", name, b)}
	}
	diags := noDependsOn(b.Body)
	if a, ok := topAttributes(b.Body)["value"]; ok {
		md.outputs[name] = a
	}
	return diags
}

func (md *moduleDecl) overrideModule(b *hcl.Block) hcl.Diagnostics {
	base, ok := md.modules[b.Labels[0]]
	if !ok {
		return hcl.Diagnostics{missingBase("module call", b.Labels[0], b)}
	}
	diags := noDependsOn(b.Body)
	mc, d := newModuleCall(merged(base.block, b, nil))
	md.modules[mc.name] = mc
	return append(diags, d...)
}

// overrideProvider merges into the configuration with the same name and alias.
func (md *moduleDecl) overrideProvider(b *hcl.Block) hcl.Diagnostics {
	name, diags := providerName(b)
	if diags.HasErrors() {
		return diags
	}
	base, ok := md.providers[name]
	if !ok {
		return hcl.Diagnostics{missingBase("provider configuration", name, b)}
	}
	blk := merged(base.block, b, nil)
	md.providers[name] = &providerDecl{name: name, block: blk, body: blk.Body}
	return nil
}

// mergeBodies merges an override body into a base body as Terraform does: an
// attribute of the override replaces the base's; blocks of a type the override
// has replace every base block of that type (a `dynamic` block is of type
// "dynamic" here, as in Terraform); block types named in perArgument (a
// resource's lifecycle) merge attribute by attribute instead.
func mergeBodies(base, over hcl.Body, perArgument map[string]bool) hcl.Body {
	sb, ok1 := base.(*hclsyntax.Body)
	so, ok2 := over.(*hclsyntax.Body)
	if ok1 && ok2 {
		return mergeSyntaxBodies(sb, so, perArgument)
	}
	return &overrideBody{base: base, over: over, perArgument: perArgument}
}

// mergeSyntaxBodies builds the merged native-syntax body, so that the code
// that reads native bodies directly keeps working on it.
func mergeSyntaxBodies(base, over *hclsyntax.Body, perArgument map[string]bool) *hclsyntax.Body {
	out := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, SrcRange: base.SrcRange, EndRange: base.EndRange}
	for n, a := range base.Attributes {
		out.Attributes[n] = a
	}
	for n, a := range over.Attributes {
		out.Attributes[n] = a
	}
	overBlocks := map[string]*hclsyntax.Block{}
	for _, b := range over.Blocks {
		if _, seen := overBlocks[b.Type]; !seen {
			overBlocks[b.Type] = b
		}
	}
	for _, b := range base.Blocks {
		ob, replaced := overBlocks[b.Type]
		switch {
		case !replaced:
			out.Blocks = append(out.Blocks, b)
		case perArgument[b.Type]:
			m := *ob
			m.Body = mergeSyntaxBodies(b.Body, ob.Body, nil)
			out.Blocks = append(out.Blocks, &m)
			delete(overBlocks, b.Type) // merged in place of the override's
		}
	}
	for _, b := range over.Blocks {
		if perArgument[b.Type] {
			if first, ok := overBlocks[b.Type]; !ok || first != b {
				continue // merged above
			}
		}
		out.Blocks = append(out.Blocks, b)
	}
	return out
}

// overrideBody is the merge of bodies of which one is JSON syntax: it merges
// what each body yields for the schema the reader asks with.
type overrideBody struct {
	base, over  hcl.Body
	perArgument map[string]bool
}

func (b *overrideBody) Content(s *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	bc, d1 := b.base.Content(s)
	oc, d2 := b.over.Content(s)
	return b.mergeContent(bc, oc), append(d1, d2...)
}

func (b *overrideBody) PartialContent(s *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	bc, br, d1 := b.base.PartialContent(s)
	oc, or, d2 := b.over.PartialContent(s)
	return b.mergeContent(bc, oc), &overrideBody{base: br, over: or, perArgument: b.perArgument}, append(d1, d2...)
}

func (b *overrideBody) JustAttributes() (hcl.Attributes, hcl.Diagnostics) {
	ba, d1 := b.base.JustAttributes()
	oa, d2 := b.over.JustAttributes()
	out := hcl.Attributes{}
	for n, a := range ba {
		out[n] = a
	}
	for n, a := range oa {
		out[n] = a
	}
	return out, append(d1, d2...)
}

func (b *overrideBody) MissingItemRange() hcl.Range { return b.base.MissingItemRange() }

func (b *overrideBody) mergeContent(base, over *hcl.BodyContent) *hcl.BodyContent {
	if base == nil {
		return over
	}
	if over == nil {
		return base
	}
	out := &hcl.BodyContent{Attributes: hcl.Attributes{}, MissingItemRange: base.MissingItemRange}
	for n, a := range base.Attributes {
		out.Attributes[n] = a
	}
	for n, a := range over.Attributes {
		out.Attributes[n] = a
	}
	overBlocks := map[string]*hcl.Block{}
	for _, blk := range over.Blocks {
		if _, seen := overBlocks[blk.Type]; !seen {
			overBlocks[blk.Type] = blk
		}
	}
	merged := map[string]bool{}
	for _, blk := range base.Blocks {
		ob, replaced := overBlocks[blk.Type]
		switch {
		case !replaced:
			out.Blocks = append(out.Blocks, blk)
		case b.perArgument[blk.Type] && !merged[blk.Type]:
			m := *ob
			m.Body = mergeBodies(blk.Body, ob.Body, nil)
			out.Blocks = append(out.Blocks, &m)
			merged[blk.Type] = true
		}
	}
	for _, blk := range over.Blocks {
		if merged[blk.Type] && overBlocks[blk.Type] == blk {
			continue
		}
		out.Blocks = append(out.Blocks, blk)
	}
	return out
}
