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

// latticeResourceKinds maps the resource-type segment of a vpc-lattice ARN to a kind.
var latticeResourceKinds = map[string]Kind{
	"servicenetwork":                    KindServiceNetwork,
	"service":                           KindService,
	"targetgroup":                       KindTargetGroup,
	"servicenetworkvpcassociation":      KindVPCAssociation,
	"servicenetworkserviceassociation":  KindServiceAssociation,
	"servicenetworkresourceassociation": KindResourceAssociation,
	"resourceconfiguration":             KindResourceConfiguration,
	"resourcegateway":                   KindResourceGateway,
	"accesslogsubscription":             KindAccessLogSubscription,
}

// idPrefixKinds maps Lattice and EC2 id prefixes to kinds.
var idPrefixKinds = map[string]Kind{
	"sn-": KindServiceNetwork, "svc-": KindService, "listener-": KindListener, "rule-": KindListenerRule,
	"tg-": KindTargetGroup, "snva-": KindVPCAssociation, "snsa-": KindServiceAssociation,
	"snra-": KindResourceAssociation, "rcfg-": KindResourceConfiguration, "rgw-": KindResourceGateway,
	"vpc-": KindVPC, "sg-": KindSecurityGroup, "subnet-": KindSubnet, "pl-": KindPrefixList,
	"i-": KindInstance, "vpce-": KindVPCEndpoint,
}

// KindOfIdentifier guesses the kind an ID or ARN names; "" when it cannot tell.
func KindOfIdentifier(s string) Kind {
	if a, ok := ParseARN(s); ok {
		switch a.Service {
		case "vpc-lattice":
			seg := strings.Split(a.Resource, "/")
			if len(seg) >= 4 && seg[0] == "service" && seg[2] == "listener" {
				if len(seg) >= 6 && seg[4] == "rule" {
					return KindListenerRule
				}
				return KindListener
			}
			return latticeResourceKinds[seg[0]]
		case "lambda":
			return KindLambdaFunction
		case "elasticloadbalancing":
			if strings.HasPrefix(a.Resource, "loadbalancer/") {
				return KindLoadBalancer
			}
		case "ram":
			return KindResourceShare
		}
		return ""
	}
	for p, k := range idPrefixKinds {
		if strings.HasPrefix(s, p) {
			return k
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
