package model

import "net/netip"

var latticeV4 = netip.MustParsePrefix("169.254.171.0/24")

// coversLattice reports whether a CIDR admits traffic from the VPC Lattice
// managed prefix list: it contains 169.254.171.0/24, or it is ::/0; broader
// when it contains more than that range. ok is false when the text is not a CIDR.
func coversLattice(cidr string) (covers, broader, ok bool) {
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return false, false, false
	}
	p = p.Masked()
	if p.Addr().Is6() {
		return p.Bits() == 0, p.Bits() == 0, true
	}
	covers = p.Bits() <= latticeV4.Bits() && p.Contains(latticeV4.Addr())
	return covers, covers && p.Bits() < latticeV4.Bits(), true
}

// deriveCoverage fills SGRule.CIDRsCoverLattice and CIDRsBroaderThanLattice.
func deriveCoverage(r *SGRule) {
	if !r.CIDRs.Known {
		r.CIDRsCoverLattice = Unknown[bool](r.CIDRs.Range)
		r.CIDRsBroaderThanLattice = Unknown[bool](r.CIDRs.Range)
		return
	}
	unknown := false
	var covers, broader *Attr[bool]
	for _, c := range r.CIDRs.Items {
		if !c.Known {
			unknown = true
			continue
		}
		cov, broad, ok := coversLattice(c.Value)
		if ok && cov && covers == nil {
			covers = &Attr[bool]{Value: true, Known: true, Range: c.Range}
		}
		if ok && broad && broader == nil {
			broader = &Attr[bool]{Value: true, Known: true, Range: c.Range}
		}
	}
	r.CIDRsCoverLattice = settle(covers, unknown, r.CIDRs.Range)
	r.CIDRsBroaderThanLattice = settle(broader, unknown, r.CIDRs.Range)
}

// settle is a derived flag: true where some CIDR showed it, else unknown
// when some CIDR is unknown, else false.
func settle(found *Attr[bool], unknown bool, rng Range) Attr[bool] {
	switch {
	case found != nil:
		return *found
	case unknown:
		return Unknown[bool](rng)
	}
	return Known(false, rng)
}
