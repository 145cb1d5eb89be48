package cloudformation

import (
	"math/big"
	"net/netip"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// maxCidrCount is the largest count Fn::Cidr accepts.
const maxCidrCount = 256

// cidr evaluates Fn::Cidr [ipBlock, count, cidrBits]: count subnets with
// cidrBits host bits each, carved from the start of ipBlock.
func (t *template) cidr(arg *yaml.Node, e *env, rng model.Range) *val {
	a, ok := t.args("Fn::Cidr", arg, 3, 3)
	if !ok {
		return unknownAt(rng)
	}
	block, ok1 := t.scalarArg("Fn::Cidr", a[0], e)
	countS, ok2 := t.scalarArg("Fn::Cidr", a[1], e)
	bitsS, ok3 := t.scalarArg("Fn::Cidr", a[2], e)
	if !ok1 || !ok2 || !ok3 {
		return unknownAt(rng)
	}
	prefix, err := netip.ParsePrefix(strings.TrimSpace(block))
	if err != nil {
		t.errorf(a[0], "Fn::Cidr: %q is not a CIDR block", block)
		return unknownAt(rng)
	}
	count, err1 := strconv.Atoi(strings.TrimSpace(countS))
	hostBits, err2 := strconv.Atoi(strings.TrimSpace(bitsS))
	total := prefix.Addr().BitLen()
	newBits := total - hostBits
	switch {
	case err1 != nil || count < 1 || count > maxCidrCount:
		t.errorf(a[1], "Fn::Cidr: count must be 1 to %d, got %q", maxCidrCount, countS)
		return unknownAt(rng)
	case err2 != nil || hostBits < 0 || newBits < prefix.Bits():
		t.errorf(a[2], "Fn::Cidr: %q subnet bits do not fit in %s", bitsS, block)
		return unknownAt(rng)
	}
	if avail := newBits - prefix.Bits(); avail < 62 && count > 1<<avail {
		t.errorf(a[1], "Fn::Cidr: %s holds %d subnets of /%d, not %d", block, 1<<avail, newBits, count)
		return unknownAt(rng)
	}
	base := new(big.Int).SetBytes(prefix.Masked().Addr().AsSlice())
	step := new(big.Int).Lsh(big.NewInt(1), uint(hostBits))
	out := &val{k: vList, rng: rng}
	for i := range count {
		n := new(big.Int).Add(base, new(big.Int).Mul(step, big.NewInt(int64(i))))
		b := make([]byte, total/8)
		n.FillBytes(b)
		addr, _ := netip.AddrFromSlice(b)
		out.items = append(out.items, scalarAt(netip.PrefixFrom(addr, newBits).String(), rng))
	}
	return out
}
