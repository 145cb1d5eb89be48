package model

import (
	"reflect"
	"strings"
)

// KindInfo is everything the code base knows about an entity kind that is not
// in its Go type. Adding a kind is one entry in Kinds (plus its struct and its
// collection in Model); Add, the model JSON, the JSON Schema, Link, ARN and id
// recognition, the Rego library's collection list (checked by a test) and the
// diagram read it from here.
type KindInfo struct {
	Kind Kind
	// Collection is the key of the kind's entities in the JSON model.
	Collection string
	// Label is how people call it ("service network", "RAM share").
	Label string
	// Lattice is set for AWS::VpcLattice / aws_vpclattice_* entities.
	Lattice bool
	// ARNTypes are the resource-type segments of its ARNs
	// (arn:…:vpc-lattice:…:servicenetwork/sn-…); ARNService is the ARN's service.
	ARNService string
	ARNTypes   []string
	// IDPrefixes are the prefixes of its resource ids (sn-, vpc-).
	IDPrefixes []string

	typ  reflect.Type // the pointer type of the entity
	list func(m *Model) reflect.Value
}

// New returns a new empty entity of the kind.
func (k *KindInfo) New() Entity { return reflect.New(k.typ.Elem()).Interface().(Entity) }

// Type is the Go type of the kind's entities (a pointer to struct).
func (k *KindInfo) Type() reflect.Type { return k.typ }

// kind builds a registry entry for entity type T kept in the slice coll returns.
func kind[T any, PT interface {
	*T
	Entity
}](k Kind, label string, coll func(m *Model) *[]PT, opts ...func(*KindInfo)) *KindInfo {
	info := &KindInfo{Kind: k, Label: label, Collection: plural(string(k)),
		typ:  reflect.TypeOf(PT(nil)),
		list: func(m *Model) reflect.Value { return reflect.ValueOf(coll(m)).Elem() }}
	for _, o := range opts {
		o(info)
	}
	return info
}

func lattice(arnTypes ...string) func(*KindInfo) {
	return func(k *KindInfo) { k.Lattice, k.ARNService, k.ARNTypes = true, "vpc-lattice", arnTypes }
}

func ids(prefixes ...string) func(*KindInfo) {
	return func(k *KindInfo) { k.IDPrefixes = prefixes }
}

func arns(service string, types ...string) func(*KindInfo) {
	return func(k *KindInfo) { k.ARNService, k.ARNTypes = service, types }
}

func collection(name string) func(*KindInfo) { return func(k *KindInfo) { k.Collection = name } }

// Kinds is the kind registry, in the order entity collections are listed.
var Kinds = []*KindInfo{
	kind(KindVPC, "VPC", func(m *Model) *[]*VPC { return &m.VPCs }, ids("vpc-"), arns("ec2", "vpc")),
	kind(KindSubnet, "subnet", func(m *Model) *[]*Subnet { return &m.Subnets }, ids("subnet-")),
	kind(KindSecurityGroup, "security group", func(m *Model) *[]*SecurityGroup { return &m.SecurityGroups }, ids("sg-")),
	kind(KindSecurityGroupRule, "security group rule", func(m *Model) *[]*SecurityGroupRule { return &m.SecurityGroupRules }),
	kind(KindPrefixList, "prefix list", func(m *Model) *[]*PrefixList { return &m.PrefixLists }, ids("pl-")),
	kind(KindServiceNetwork, "service network", func(m *Model) *[]*ServiceNetwork { return &m.ServiceNetworks },
		lattice("servicenetwork"), ids("sn-")),
	kind(KindService, "service", func(m *Model) *[]*Service { return &m.Services }, lattice("service"), ids("svc-")),
	kind(KindListener, "listener", func(m *Model) *[]*Listener { return &m.Listeners }, lattice(), ids("listener-")),
	kind(KindListenerRule, "listener rule", func(m *Model) *[]*ListenerRule { return &m.ListenerRules }, lattice(), ids("rule-")),
	kind(KindTargetGroup, "target group", func(m *Model) *[]*TargetGroup { return &m.TargetGroups },
		lattice("targetgroup"), ids("tg-")),
	kind(KindTarget, "target", func(m *Model) *[]*Target { return &m.Targets }),
	kind(KindVPCAssociation, "service network VPC association", func(m *Model) *[]*VPCAssociation { return &m.VPCAssociations },
		lattice("servicenetworkvpcassociation"), ids("snva-")),
	kind(KindServiceAssociation, "service network service association",
		func(m *Model) *[]*ServiceAssociation { return &m.ServiceAssociations },
		lattice("servicenetworkserviceassociation"), ids("snsa-")),
	kind(KindResourceAssociation, "service network resource association",
		func(m *Model) *[]*ResourceAssociation { return &m.ResourceAssociations },
		lattice("servicenetworkresourceassociation"), ids("snra-")),
	kind(KindVPCEndpoint, "VPC endpoint", func(m *Model) *[]*VPCEndpoint { return &m.VPCEndpoints }, ids("vpce-")),
	kind(KindResourceGateway, "resource gateway", func(m *Model) *[]*ResourceGateway { return &m.ResourceGateways },
		lattice("resourcegateway"), ids("rgw-")),
	kind(KindResourceConfiguration, "resource configuration",
		func(m *Model) *[]*ResourceConfiguration { return &m.ResourceConfigurations },
		lattice("resourceconfiguration"), ids("rcfg-")),
	kind(KindAuthPolicy, "auth policy", func(m *Model) *[]*AuthPolicy { return &m.AuthPolicies }, lattice()),
	kind(KindResourcePolicy, "resource policy", func(m *Model) *[]*ResourcePolicy { return &m.ResourcePolicies }, lattice()),
	kind(KindAccessLogSubscription, "access log subscription",
		func(m *Model) *[]*AccessLogSubscription { return &m.AccessLogSubscriptions }, lattice("accesslogsubscription")),
	kind(KindResourceShare, "RAM share", func(m *Model) *[]*ResourceShare { return &m.ResourceShares }, arns("ram")),
	kind(KindShareAssociation, "RAM share association", func(m *Model) *[]*ShareAssociation { return &m.ShareAssociations }),
	kind(KindShareAccepter, "RAM share accepter", func(m *Model) *[]*ShareAccepter { return &m.ShareAccepters }),
	kind(KindLambdaFunction, "Lambda function", func(m *Model) *[]*LambdaFunction { return &m.LambdaFunctions }, arns("lambda")),
	kind(KindLambdaPermission, "Lambda permission", func(m *Model) *[]*LambdaPermission { return &m.LambdaPermissions }),
	kind(KindLoadBalancer, "load balancer", func(m *Model) *[]*LoadBalancer { return &m.LoadBalancers },
		arns("elasticloadbalancing", "loadbalancer")),
	kind(KindLoadBalancerListener, "load balancer listener",
		func(m *Model) *[]*LoadBalancerListener { return &m.LoadBalancerListeners }),
	kind(KindInstance, "instance", func(m *Model) *[]*Instance { return &m.Instances }, ids("i-")),
	kind(KindECSService, "ECS service", func(m *Model) *[]*ECSService { return &m.ECSServices }),
	kind(KindAutoScalingGroup, "Auto Scaling group", func(m *Model) *[]*AutoScalingGroup { return &m.AutoScalingGroups }),
	kind(KindDNSZone, "Route 53 hosted zone", func(m *Model) *[]*DNSZone { return &m.DNSZones }, arns("route53", "hostedzone")),
	kind(KindDNSRecord, "Route 53 record", func(m *Model) *[]*DNSRecord { return &m.DNSRecords }),
	// No ARN facts: three services (logs, s3, firehose) name them, and a
	// literal destination ARN stays a literal for LAT-OBS-002 to read.
	kind(KindLogDestination, "log destination", func(m *Model) *[]*LogDestination { return &m.LogDestinations }),
	kind(KindDomainVerification, "domain verification",
		func(m *Model) *[]*DomainVerification { return &m.DomainVerifications }, lattice("domainverification"), ids("dv-")),
	kind(KindExternal, "external", func(m *Model) *[]*External { return &m.Externals }, collection("externals")),
}

// registry indexes Kinds; it is derived once and never changes.
var registry = func() struct {
	byKind map[Kind]*KindInfo
	byType map[reflect.Type]*KindInfo
} {
	r := struct {
		byKind map[Kind]*KindInfo
		byType map[reflect.Type]*KindInfo
	}{map[Kind]*KindInfo{}, map[reflect.Type]*KindInfo{}}
	for _, k := range Kinds {
		r.byKind[k.Kind], r.byType[k.typ] = k, k
	}
	return r
}()

// InfoOf returns the registry entry of a kind, or nil.
func InfoOf(k Kind) *KindInfo { return registry.byKind[k] }

// AllKinds lists every entity kind, in registry order.
var AllKinds = func() []Kind {
	out := make([]Kind, len(Kinds))
	for i, k := range Kinds {
		out[i] = k.Kind
	}
	return out
}()

// IsLattice reports whether the kind is an AWS::VpcLattice / aws_vpclattice_* entity.
func (k Kind) IsLattice() bool {
	info := InfoOf(k)
	return info != nil && info.Lattice
}

// Collection is the key under which entities of this kind appear in the JSON model.
func (k Kind) Collection() string {
	if info := InfoOf(k); info != nil {
		return info.Collection
	}
	return plural(string(k))
}

// plural is the English plural of a snake_case kind: policy → policies, but
// gateway → gateways.
func plural(s string) string {
	if n := len(s); n >= 2 && s[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(s[n-2])) {
		return s[:n-1] + "ies"
	}
	return s + "s"
}
