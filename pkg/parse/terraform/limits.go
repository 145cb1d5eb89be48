package terraform

import (
	"bytes"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/lattice-lint/lattice-lint/pkg/parse/nesting"
)

// The HCL parser and evaluator recurse once per level of nesting, and a Go
// program cannot survive a goroutine that outgrows its stack: every HCL
// source is scanned for depth before it is parsed (see package nesting).

// sourceDiag returns an error diagnostic when src (a .tf, .tfvars or their
// .json forms, named name) is binary data or nests too deeply to parse
// safely. A binary file would otherwise yield hundreds of syntax errors.
func sourceDiag(name string, src []byte) *hcl.Diagnostic {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line := 1 + bytes.Count(src[:i], []byte("\n"))
		col := 1 + utf8.RuneCount(src[bytes.LastIndexByte(src[:i], '\n')+1:i])
		at := hcl.Pos{Line: line, Column: col, Byte: i}
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Binary file",
			Detail:  "The file holds a NUL byte: it is binary data, not Terraform configuration; not parsed.",
			Subject: &hcl.Range{Filename: name, Start: at, End: at}}
	}
	return nestingDiag(name, src)
}

// nestingDiag returns an error diagnostic when src (a .tf, .tfvars or their
// .json forms, named name) nests too deeply to parse safely.
func nestingDiag(name string, src []byte) *hcl.Diagnostic {
	var e *nesting.Error
	if strings.HasSuffix(name, ".json") {
		e = nesting.TerraformJSON(src, 0)
	} else {
		e = nesting.HCL(src, 0)
	}
	if e == nil {
		return nil
	}
	at := hcl.Pos{Line: e.Line, Column: e.Column}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nesting too deep", Detail: e.Error() + ".",
		Subject: &hcl.Range{Filename: name, Start: at, End: at}}
}

// recoverParse turns a panic while parsing one file into an error diagnostic
// naming the file, so one file the parser chokes on costs only that file.
// Call it deferred.
func recoverParse(pf *parsedFile, name string) {
	r := recover()
	if r == nil {
		return
	}
	pf.file = nil
	pf.diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Internal error",
		Detail:  fmt.Sprintf("lattice-lint failed while parsing this file: %v. Please report it with the file. %s", r, firstFrames(debug.Stack())),
		Subject: &hcl.Range{Filename: name, Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}}}
}

// jsonDecodeFunc is jsondecode with a depth check first: go-cty decodes JSON
// recursively.
var jsonDecodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}},
	Type: func(args []cty.Value) (cty.Type, error) {
		if args[0].IsKnown() && !args[0].IsNull() {
			if e := nesting.JSON([]byte(args[0].AsString()), 0); e != nil {
				return cty.NilType, fmt.Errorf("JSON %v (line %d, column %d)", e, e.Line, e.Column)
			}
		}
		return stdlib.JSONDecodeFunc.ReturnTypeForValues(args)
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		return stdlib.JSONDecodeFunc.Call(args)
	},
})

// templateNesting checks a template file read by templatefile.
func templateNesting(name string, src []byte) error {
	if e := nesting.Template(src, 0); e != nil {
		return fmt.Errorf("%s:%d:%d: %v", name, e.Line, e.Column, e)
	}
	return nil
}

// withoutTemplatefile is the function table a template is evaluated with:
// Terraform refuses templatefile inside templatefile, and a template that
// renders itself would otherwise recurse until the stack gives out.
func withoutTemplatefile(funcs map[string]function.Function) map[string]function.Function {
	out := make(map[string]function.Function, len(funcs))
	for k, f := range funcs {
		out[k] = f
	}
	out["templatefile"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.NilVal, errors.New("cannot call templatefile from inside a templatefile template")
		},
	})
	return out
}

// maxProduct bounds the elements setproduct may build: a product of three
// ranges of a thousand is a billion elements and minutes of work from one
// line of code, and no Lattice configuration needs more than a few hundred.
const maxProduct = 100_000

// setProductFunc is setproduct refusing results of more than maxProduct
// elements before building them.
var setProductFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "sets", Type: cty.DynamicPseudoType, AllowMarked: true, AllowUnknown: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		n := 1
		for _, a := range args {
			a, _ = a.Unmark()
			if !a.IsKnown() || a.IsNull() || !a.CanIterateElements() {
				continue
			}
			if n *= a.LengthInt(); n > maxProduct {
				return cty.NilType, fmt.Errorf("the product has more than %d elements; not computed", maxProduct)
			}
		}
		return stdlib.SetProductFunc.ReturnTypeForValues(args)
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return stdlib.SetProductFunc.Call(args)
	},
})
