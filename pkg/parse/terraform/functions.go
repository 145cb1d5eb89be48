package terraform

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"net/url"

	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/lattice-lint/lattice-lint/pkg/safefile"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions returns the Terraform functions real Lattice code uses, evaluated
// statically. Functions whose result depends on the machine or the moment
// (timestamp, uuid) return unknown values. file and templatefile read relative
// to dir and refuse paths outside the tree.
func functions(dir string, tree *safefile.Tree) map[string]function.Function {
	unknownString := function.New(&function.Spec{
		Type: function.StaticReturnType(cty.String),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.UnknownVal(cty.String), nil },
	})
	fs := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "chomp": stdlib.ChompFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": coalesceFunc,
		"coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc,
		"concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc, "csvdecode": stdlib.CSVDecodeFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"floor": stdlib.FloorFunc, "format": stdlib.FormatFunc, "formatdate": stdlib.FormatDateFunc,
		"formatlist": stdlib.FormatListFunc, "indent": stdlib.IndentFunc, "index": stdlib.IndexFunc,
		"join": stdlib.JoinFunc, "jsondecode": jsonDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc,
		"keys": stdlib.KeysFunc, "log": stdlib.LogFunc, "lower": stdlib.LowerFunc,
		"max": stdlib.MaxFunc, "merge": stdlib.MergeFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc,
		"pow": stdlib.PowFunc, "range": stdlib.RangeFunc, "regex": stdlib.RegexFunc,
		"regexall": stdlib.RegexAllFunc, "replace": stdlib.ReplaceFunc, "reverse": stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc, "setproduct": setProductFunc,
		"setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc, "signum": stdlib.SignumFunc,
		"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "split": stdlib.SplitFunc,
		"strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc, "timeadd": stdlib.TimeAddFunc,
		"title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
		"trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc, "upper": stdlib.UpperFunc,
		"values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"tostring": stdlib.MakeToFunc(cty.String), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try":   tryFunc, "can": tryfunc.CanFunc, "lookup": lookupFunc, condFuncName: condFunc,
		"length": lengthFunc, "one": oneFunc, "sum": sumFunc, "alltrue": allTrueFunc, "anytrue": anyTrueFunc,
		"startswith": strPredFunc(strings.HasPrefix), "endswith": strPredFunc(strings.HasSuffix),
		"strcontains":  strPredFunc(strings.Contains),
		"base64encode": strMapFunc(func(s string) (string, error) { return base64.StdEncoding.EncodeToString([]byte(s)), nil }),
		"base64decode": strMapFunc(func(s string) (string, error) {
			b, err := base64.StdEncoding.DecodeString(s)
			return string(b), err
		}),
		"md5":        strMapFunc(func(s string) (string, error) { h := md5.Sum([]byte(s)); return hex.EncodeToString(h[:]), nil }),
		"sha1":       strMapFunc(func(s string) (string, error) { h := sha1.Sum([]byte(s)); return hex.EncodeToString(h[:]), nil }),
		"sha256":     strMapFunc(func(s string) (string, error) { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]), nil }),
		"basename":   strMapFunc(func(s string) (string, error) { return filepath.Base(s), nil }),
		"dirname":    strMapFunc(func(s string) (string, error) { return filepath.Dir(s), nil }),
		"cidrsubnet": cidrSubnetFunc, "cidrhost": cidrHostFunc, "cidrnetmask": cidrNetmaskFunc,
		"cidrsubnets": cidrSubnetsFunc,
		"timestamp":   unknownString, "uuid": unknownString, "plantimestamp": unknownString, "bcrypt": unknownString,
		"uuidv5": unknownString, "yamlencode": unknownString,
		"yamldecode": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "src", Type: cty.String}},
			Type:   function.StaticReturnType(cty.DynamicPseudoType),
			Impl:   func([]cty.Value, cty.Type) (cty.Value, error) { return cty.DynamicVal, nil },
		}),
		"sha512":    strMapFunc(func(s string) (string, error) { h := sha512.Sum512([]byte(s)); return hex.EncodeToString(h[:]), nil }),
		"urlencode": strMapFunc(func(s string) (string, error) { return url.QueryEscape(s), nil }),
		// Sensitivity is irrelevant to the topology: the value passes through.
		"sensitive": identityFunc, "nonsensitive": identityFunc,
		"issensitive": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true}},
			Type:   function.StaticReturnType(cty.Bool),
			Impl:   func([]cty.Value, cty.Type) (cty.Value, error) { return cty.False, nil },
		}),
		"transpose": transposeFunc, "matchkeys": matchkeysFunc,
		"file": fileFunc(dir, tree), "fileexists": fileExistsFunc(dir, tree),
		"filebase64": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "path", Type: cty.String}},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				b, err := readInside(dir, tree, args[0].AsString())
				if err != nil {
					return cty.NilVal, err
				}
				return cty.StringVal(base64.StdEncoding.EncodeToString(b)), nil
			},
		}),
	}
	fs["templatefile"] = templateFileFunc(dir, tree, fs)
	return fs
}

// tryFunc returns the first argument that evaluates without error. HCL's try
// returns a bare unknown as soon as an argument depends on an unknown value;
// this one returns that argument's value, unknown but still marked with the
// resource it refers to, so `try(aws_x.y[each.key].arn, null)` stays a reference.
var tryFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "expressions", Type: customdecode.ExpressionClosureType},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if len(args) == 0 {
			return cty.NilVal, fmt.Errorf("at least one argument is required")
		}
		var msgs []string
		for _, a := range args {
			v, diags := customdecode.ExpressionClosureFromVal(a).Value()
			if !diags.HasErrors() {
				return v, nil
			}
			for _, d := range diags {
				if d.Severity == hcl.DiagError {
					msgs = append(msgs, d.Summary+": "+d.Detail)
				}
			}
		}
		return cty.NilVal, fmt.Errorf("no expression succeeded:\n- %s", strings.Join(msgs, "\n- "))
	},
})

// coalesceFunc is Terraform's coalesce: the first argument that is neither null
// nor an empty string. An unknown argument before it makes the result unknown
// (it may be null or not); a reference argument keeps its mark.
var coalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowUnknown: true,
		AllowDynamicType: true, AllowNull: true, AllowMarked: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		types := make([]cty.Type, len(args))
		for i, a := range args {
			types[i] = a.Type()
		}
		t, _ := convert.UnifyUnsafe(types)
		if t == cty.NilType {
			return cty.NilType, fmt.Errorf("all arguments must have the same type")
		}
		return t, nil
	},
	Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
		for _, a := range args {
			u, marks := a.Unmark()
			if !u.IsKnown() {
				return cty.UnknownVal(rt).WithMarks(marks), nil
			}
			if u.IsNull() || (u.Type() == cty.String && u.AsString() == "") {
				continue
			}
			c, err := convert.Convert(u, rt)
			if err != nil {
				return cty.NilVal, err
			}
			return c.WithMarks(marks), nil
		}
		return cty.NilVal, fmt.Errorf("no non-null, non-empty-string arguments")
	},
})

// lookupFunc is Terraform's lookup: the default may be omitted or null, and an
// unknown map gives an unknown result.
var lookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "inputMap", Type: cty.DynamicPseudoType, AllowMarked: true, AllowUnknown: true},
		{Name: "key", Type: cty.String, AllowMarked: true},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowMarked: true, AllowUnknown: true,
		AllowNull: true, AllowDynamicType: true},
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if len(args) > 3 {
			return cty.NilVal, fmt.Errorf("lookup takes at most three arguments")
		}
		m, marks := args[0].Unmark()
		key, keyMarks := args[1].Unmark()
		if !m.IsKnown() {
			return cty.DynamicVal.WithMarks(marks, keyMarks), nil
		}
		if m.IsNull() {
			return cty.NilVal, fmt.Errorf("the map argument is null")
		}
		k := key.AsString()
		t := m.Type()
		switch {
		case (t.IsObjectType() && t.HasAttribute(k)):
			return m.GetAttr(k).WithMarks(marks, keyMarks), nil
		case t.IsMapType():
			if m.HasIndex(key).True() {
				return m.Index(key).WithMarks(marks, keyMarks), nil
			}
		case !t.IsObjectType():
			return cty.NilVal, fmt.Errorf("the first argument must be a map or an object, not %s", t.FriendlyName())
		}
		if len(args) == 3 {
			return args[2].WithMarks(marks, keyMarks), nil
		}
		return cty.NilVal, fmt.Errorf("the given map has no key %q and no default was given", k)
	},
})

// identityFunc returns its argument unchanged, marks included.
var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true,
		AllowDynamicType: true, AllowMarked: true}},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

// transposeFunc turns a map of lists of strings inside out.
var transposeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
	Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		out := map[string][]cty.Value{}
		for it := args[0].ElementIterator(); it.Next(); {
			k, l := it.Element()
			if l.IsNull() {
				return cty.NilVal, fmt.Errorf("lists must not be null")
			}
			for li := l.ElementIterator(); li.Next(); {
				_, v := li.Element()
				if v.IsNull() {
					return cty.NilVal, fmt.Errorf("list elements must not be null")
				}
				out[v.AsString()] = append(out[v.AsString()], k)
			}
		}
		if len(out) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		m := map[string]cty.Value{}
		for k, vs := range out {
			m[k] = cty.ListVal(vs)
		}
		return cty.MapVal(m), nil
	},
})

// matchkeysFunc keeps the values whose key (same index) is in searchset.
var matchkeysFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "keys", Type: cty.List(cty.DynamicPseudoType)}, {Name: "searchset", Type: cty.List(cty.DynamicPseudoType)}},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
		vals, keys, search := args[0].AsValueSlice(), args[1].AsValueSlice(), args[2].AsValueSlice()
		if len(vals) != len(keys) {
			return cty.NilVal, fmt.Errorf("length of keys and values should be equal")
		}
		var out []cty.Value
		for i, k := range keys {
			for _, s := range search {
				if eq := k.Equals(s); eq.IsKnown() && eq.True() {
					out = append(out, vals[i])
					break
				}
			}
		}
		if len(out) == 0 {
			return cty.ListValEmpty(rt.ElementType()), nil
		}
		return cty.ListVal(out), nil
	},
})

var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		switch {
		case v.Type() == cty.String:
			if !v.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			return stdlib.Strlen(v)
		case v.Type().IsObjectType() || v.Type().IsTupleType():
			return cty.NumberIntVal(int64(v.LengthInt())), nil
		case v.Type().IsCollectionType():
			return v.Length(), nil
		case !v.IsKnown():
			return cty.UnknownVal(cty.Number), nil
		}
		return cty.UnknownVal(cty.Number), fmt.Errorf("argument must be a string, a collection type, or a structural type")
	},
})

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true}},
	Type: func(args []cty.Value) (cty.Type, error) {
		t := args[0].Type()
		switch {
		case t.IsListType() || t.IsSetType():
			return t.ElementType(), nil
		case t.IsTupleType() && len(t.TupleElementTypes()) == 1:
			return t.TupleElementTypes()[0], nil
		}
		return cty.DynamicPseudoType, nil
	},
	Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.IsKnown() {
			return cty.UnknownVal(rt), nil
		}
		if !v.CanIterateElements() {
			return cty.NilVal, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements")
		}
		switch v.LengthInt() {
		case 0:
			return cty.NullVal(rt), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e, nil
		}
		return cty.NilVal, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements")
	},
})

func numbersOf(v cty.Value) ([]cty.Value, bool) {
	if !v.IsWhollyKnown() || !v.CanIterateElements() {
		return nil, false
	}
	var out []cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e)
	}
	return out, true
}

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType, AllowUnknown: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		els, ok := numbersOf(args[0])
		if !ok {
			return cty.UnknownVal(cty.Number), nil
		}
		total := cty.Zero
		for _, e := range els {
			n, err := convert.Convert(e, cty.Number)
			if err != nil || n.IsNull() {
				return cty.NilVal, fmt.Errorf("sum: elements must be numbers")
			}
			total = total.Add(n)
		}
		return total, nil
	},
})

func boolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType, AllowUnknown: true}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			els, ok := numbersOf(args[0])
			if !ok {
				return cty.UnknownVal(cty.Bool), nil
			}
			for _, e := range els {
				b, err := convert.Convert(e, cty.Bool)
				if err != nil || b.IsNull() {
					return cty.NilVal, fmt.Errorf("elements must be booleans")
				}
				if b.True() != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

var allTrueFunc, anyTrueFunc = boolFold(true), boolFold(false)

func strPredFunc(pred func(s, sub string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(pred(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

func strMapFunc(f func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := f(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(s), nil
		},
	})
}

func prefixArg(v cty.Value) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(v.AsString())
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("invalid CIDR expression: %w", err)
	}
	return p.Masked(), nil
}

// addrAdd returns base + n (n may be negative for host numbers counted from the end).
func addrAdd(base netip.Addr, n *big.Int) (netip.Addr, error) {
	b := new(big.Int).SetBytes(base.AsSlice())
	b.Add(b, n)
	if b.Sign() < 0 {
		return netip.Addr{}, fmt.Errorf("address out of range")
	}
	size := len(base.AsSlice())
	raw := b.Bytes()
	if len(raw) > size {
		return netip.Addr{}, fmt.Errorf("address out of range")
	}
	buf := make([]byte, size)
	copy(buf[size-len(raw):], raw)
	a, _ := netip.AddrFromSlice(buf)
	return a, nil
}

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixArg(args[0])
		if err != nil {
			return cty.NilVal, err
		}
		newbits, _ := args[1].AsBigFloat().Int64()
		netnum, _ := args[2].AsBigFloat().Int(nil)
		bits := p.Bits() + int(newbits)
		if newbits < 0 || bits > p.Addr().BitLen() {
			return cty.NilVal, fmt.Errorf("insufficient address space to extend prefix of %d by %d", p.Bits(), newbits)
		}
		if netnum.Sign() < 0 || netnum.BitLen() > int(newbits) {
			return cty.NilVal, fmt.Errorf("prefix extension of %d does not accommodate a subnet numbered %s", newbits, netnum)
		}
		shift := new(big.Int).Lsh(netnum, uint(p.Addr().BitLen()-bits))
		a, err := addrAdd(p.Addr(), shift)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(netip.PrefixFrom(a, bits).String()), nil
	},
})

// cidrSubnetsFunc allocates consecutive subnets of the given sizes, like
// Terraform's cidrsubnets.
var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixArg(args[0])
		if err != nil {
			return cty.NilVal, err
		}
		if len(args) == 1 {
			return cty.ListValEmpty(cty.String), nil
		}
		width := p.Addr().BitLen()
		next := new(big.Int).SetBytes(p.Addr().AsSlice())
		end := new(big.Int).Add(next, new(big.Int).Lsh(big.NewInt(1), uint(width-p.Bits())))
		var out []cty.Value
		for _, nb := range args[1:] {
			n, _ := nb.AsBigFloat().Int64()
			bits := p.Bits() + int(n)
			if n < 1 || bits > width {
				return cty.NilVal, fmt.Errorf("cannot extend prefix /%d by %d bits", p.Bits(), n)
			}
			size := new(big.Int).Lsh(big.NewInt(1), uint(width-bits))
			// Align the next start to this subnet's size.
			if rem := new(big.Int).Mod(next, size); rem.Sign() != 0 {
				next.Add(next, new(big.Int).Sub(size, rem))
			}
			if new(big.Int).Add(next, size).Cmp(end) > 0 {
				return cty.NilVal, fmt.Errorf("not enough remaining address space for a subnet with a prefix of %d bits", bits)
			}
			a, err := addrAdd(netipZero(p.Addr()), next)
			if err != nil {
				return cty.NilVal, err
			}
			out = append(out, cty.StringVal(netip.PrefixFrom(a, bits).String()))
			next.Add(next, size)
		}
		return cty.ListVal(out), nil
	},
})

// netipZero is the all-zero address of a's family.
func netipZero(a netip.Addr) netip.Addr {
	if a.Is4() {
		return netip.IPv4Unspecified()
	}
	return netip.IPv6Unspecified()
}

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixArg(args[0])
		if err != nil {
			return cty.NilVal, err
		}
		n, _ := args[1].AsBigFloat().Int(nil)
		hostBits := p.Addr().BitLen() - p.Bits()
		size := new(big.Int).Lsh(big.NewInt(1), uint(hostBits))
		if n.Sign() < 0 {
			n = n.Add(n, size)
		}
		if n.Sign() < 0 || n.Cmp(size) >= 0 {
			return cty.NilVal, fmt.Errorf("prefix of %d does not accommodate a host numbered %s", p.Bits(), args[1].AsBigFloat())
		}
		a, err := addrAdd(p.Addr(), n)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(a.String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixArg(args[0])
		if err != nil {
			return cty.NilVal, err
		}
		if !p.Addr().Is4() {
			return cty.NilVal, fmt.Errorf("only IPv4 networks have a netmask")
		}
		m := uint32(0xffffffff) << (32 - p.Bits())
		if p.Bits() == 0 {
			m = 0
		}
		return cty.StringVal(fmt.Sprintf("%d.%d.%d.%d", m>>24, m>>16&0xff, m>>8&0xff, m&0xff)), nil
	},
})

// maxReadFile bounds file() and templatefile() reads.
const maxReadFile = 4 << 20

// readInside reads a file named by file(), templatefile() and the like:
// relative to dir, inside the tree, regular, at most maxReadFile bytes.
func readInside(dir string, tree *safefile.Tree, name string) ([]byte, error) {
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	b, err := tree.ReadFile(filepath.Clean(p), maxReadFile)
	var oe *safefile.OutsideError
	var tl *safefile.TooLargeError
	switch {
	case errors.As(err, &oe) && oe.Link:
		return nil, fmt.Errorf("%s is a symbolic link that leads outside the tree being linted; not read", name)
	case errors.As(err, &oe):
		return nil, fmt.Errorf("%s is outside the tree being linted; not read", name)
	case errors.As(err, &tl):
		return nil, fmt.Errorf("%s is larger than %d bytes; not read", name, maxReadFile)
	}
	return b, err
}

func fileExistsFunc(dir string, tree *safefile.Tree) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			_, err := readInside(dir, tree, args[0].AsString())
			if err != nil && strings.Contains(err.Error(), "outside the tree") {
				return cty.NilVal, err
			}
			return cty.BoolVal(err == nil), nil
		},
	})
}

func fileFunc(dir string, tree *safefile.Tree) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			b, err := readInside(dir, tree, args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(string(b)), nil
		},
	})
}

func templateFileFunc(dir string, tree *safefile.Tree, funcs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			name := args[0].AsString()
			b, err := readInside(dir, tree, name)
			if err != nil {
				return cty.NilVal, err
			}
			if err := templateNesting(name, b); err != nil {
				return cty.NilVal, err
			}
			expr, diags := hclsyntax.ParseTemplate(b, name, hcl.Pos{Line: 1, Column: 1})
			if diags.HasErrors() {
				return cty.NilVal, diags
			}
			// %{for} directives charge the element budget; conditionals
			// choose their branch as in .tf files.
			expr = rewriteExpr(expr)
			vars := map[string]cty.Value{}
			if t := args[1].Type(); !t.IsObjectType() && !t.IsMapType() && t != cty.DynamicPseudoType {
				return cty.NilVal, fmt.Errorf("the variables must be an object or a map, not %s", t.FriendlyName())
			}
			if v := args[1]; v.IsKnown() && !v.IsNull() && v.CanIterateElements() {
				for it := v.ElementIterator(); it.Next(); {
					k, e := it.Element()
					vars[k.AsString()] = e
				}
			} else if !v.IsKnown() {
				return cty.UnknownVal(cty.String), nil
			}
			out, diags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: withoutTemplatefile(funcs)})
			if diags.HasErrors() {
				return cty.NilVal, diags
			}
			return out, nil
		},
	})
}
