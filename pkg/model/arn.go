package model

import (
	"regexp"
	"strings"
)

// ARN is the parsed form of an Amazon Resource Name.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARN splits arn:partition:service:region:account:resource. ok is false for
// anything else (including strings with unresolved template parts).
func ParseARN(s string) (ARN, bool) {
	if !strings.HasPrefix(s, "arn:") {
		return ARN{}, false
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 {
		return ARN{}, false
	}
	return ARN{Partition: parts[1], Service: parts[2], Region: parts[3], Account: parts[4], Resource: parts[5]}, true
}

var accountRE = regexp.MustCompile(`^[0-9]{12}$`)

// IsAccountID reports whether s is a 12-digit AWS account id.
func IsAccountID(s string) bool { return accountRE.MatchString(s) }

// KindOfIdentifier guesses the kind an ID or ARN names; "" when it cannot tell.
func KindOfIdentifier(s string) Kind {
	if a, ok := ParseARN(s); ok {
		// Listener and rule ARNs nest under their service's.
		if seg := strings.Split(a.Resource, "/"); a.Service == "vpc-lattice" && len(seg) >= 4 && seg[0] == "service" && seg[2] == "listener" {
			if len(seg) >= 6 && seg[4] == "rule" {
				return KindListenerRule
			}
			return KindListener
		}
		return kindOfARN(a)
	}
	for _, k := range Kinds {
		for _, p := range k.IDPrefixes {
			if strings.HasPrefix(s, p) {
				return k.Kind
			}
		}
	}
	return ""
}

// kindOfARN finds the kind whose registry entry names the ARN's service and
// resource type; a kind that names its service only takes every resource type.
func kindOfARN(a ARN) Kind {
	typ, _, _ := strings.Cut(a.Resource, "/")
	for _, k := range Kinds {
		if k.ARNService != a.Service {
			continue
		}
		if len(k.ARNTypes) == 0 && a.Service != "vpc-lattice" {
			return k.Kind
		}
		for _, t := range k.ARNTypes {
			if t == typ {
				return k.Kind
			}
		}
	}
	return ""
}

// ShortID returns the resource id an ARN ends with (sn-…, svc-…) or s itself.
func ShortID(s string) string {
	if a, ok := ParseARN(s); ok {
		if i := strings.LastIndexByte(a.Resource, '/'); i >= 0 {
			return a.Resource[i+1:]
		}
		return a.Resource
	}
	return s
}
