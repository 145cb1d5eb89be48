package model

import "net/netip"

var latticeV4 = netip.MustParsePrefix("169.254.171.0/24")

// coversLattice reports whether a CIDR admits traffic from the VPC Lattice
// managed prefix list: it contains 169.254.171.0/24, or it is ::/0.
// ok is false when the text is not a CIDR.
func coversLattice(cidr string) (covers, ok bool) {
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return false, false
	}
	p = p.Masked()
	if p.Addr().Is6() {
		return p.Bits() == 0, true
	}
	return p.Bits() <= latticeV4.Bits() && p.Contains(latticeV4.Addr()), true
}

// deriveCoverage fills SGRule.CIDRsCoverLattice.
func deriveCoverage(r *SGRule) {
	if !r.CIDRs.Known {
		r.CIDRsCoverLattice = Unknown[bool](r.CIDRs.Range)
		return
	}
	unknown := false
	for _, c := range r.CIDRs.Items {
		if !c.Known {
			unknown = true
			continue
		}
		if cov, ok := coversLattice(c.Value); ok && cov {
			r.CIDRsCoverLattice = Known(true, c.Range)
			return
		}
	}
	if unknown {
		r.CIDRsCoverLattice = Unknown[bool](r.CIDRs.Range)
		return
	}
	r.CIDRsCoverLattice = Known(false, r.CIDRs.Range)
}
