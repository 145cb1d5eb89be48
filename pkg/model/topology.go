package model

import (
	"encoding/json"
	"fmt"
	"sort"
)

// SchemaVersion is the version of the JSON model (docs/model-schema.md). It changes
// when a field is removed or changes meaning; added fields keep the version.
const SchemaVersion = "1"

// Account is an AWS account the model attributes entities to.
type Account struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Sources are the roots and templates attributed to the account.
	Sources []string `json:"sources"`
}

// Model is the whole topology of one run: every root and template merged.
type Model struct {
	Accounts map[string]*Account

	VPCs                   []*VPC
	Subnets                []*Subnet
	SecurityGroups         []*SecurityGroup
	SecurityGroupRules     []*SecurityGroupRule
	PrefixLists            []*PrefixList
	ServiceNetworks        []*ServiceNetwork
	Services               []*Service
	Listeners              []*Listener
	ListenerRules          []*ListenerRule
	TargetGroups           []*TargetGroup
	Targets                []*Target
	VPCAssociations        []*VPCAssociation
	ServiceAssociations    []*ServiceAssociation
	ResourceAssociations   []*ResourceAssociation
	VPCEndpoints           []*VPCEndpoint
	ResourceGateways       []*ResourceGateway
	ResourceConfigurations []*ResourceConfiguration
	AuthPolicies           []*AuthPolicy
	ResourcePolicies       []*ResourcePolicy
	AccessLogSubscriptions []*AccessLogSubscription
	ResourceShares         []*ResourceShare
	ShareAssociations      []*ShareAssociation
	LambdaFunctions        []*LambdaFunction
	LambdaPermissions      []*LambdaPermission
	LoadBalancers          []*LoadBalancer
	LoadBalancerListeners  []*LoadBalancerListener
	Instances              []*Instance
	ECSServices            []*ECSService
	Externals              []*External

	byID  map[string]Entity
	order []Entity
}

// New returns an empty model.
func New() *Model {
	return &Model{Accounts: map[string]*Account{}, byID: map[string]Entity{}}
}

// Get returns the entity with the given ID, or nil.
func (m *Model) Get(id string) Entity { return m.byID[id] }

// Entities returns every entity in the order it was added.
func (m *Model) Entities() []Entity { return m.order }

// Len is the number of entities.
func (m *Model) Len() int { return len(m.order) }

// Add puts an entity into the model. IDs must be unique.
func (m *Model) Add(e Entity) error {
	b := e.Base()
	if b.ID == "" {
		return fmt.Errorf("model: %s entity at %s has no id", b.Kind, b.Range)
	}
	if _, dup := m.byID[b.ID]; dup {
		return fmt.Errorf("model: duplicate entity id %q at %s", b.ID, b.Range)
	}
	switch v := e.(type) {
	case *VPC:
		v.Kind, m.VPCs = KindVPC, append(m.VPCs, v)
	case *Subnet:
		v.Kind, m.Subnets = KindSubnet, append(m.Subnets, v)
	case *SecurityGroup:
		v.Kind, m.SecurityGroups = KindSecurityGroup, append(m.SecurityGroups, v)
	case *SecurityGroupRule:
		v.Kind, m.SecurityGroupRules = KindSecurityGroupRule, append(m.SecurityGroupRules, v)
	case *PrefixList:
		v.Kind, m.PrefixLists = KindPrefixList, append(m.PrefixLists, v)
	case *ServiceNetwork:
		v.Kind, m.ServiceNetworks = KindServiceNetwork, append(m.ServiceNetworks, v)
	case *Service:
		v.Kind, m.Services = KindService, append(m.Services, v)
	case *Listener:
		v.Kind, m.Listeners = KindListener, append(m.Listeners, v)
	case *ListenerRule:
		v.Kind, m.ListenerRules = KindListenerRule, append(m.ListenerRules, v)
	case *TargetGroup:
		v.Kind, m.TargetGroups = KindTargetGroup, append(m.TargetGroups, v)
	case *Target:
		v.Kind, m.Targets = KindTarget, append(m.Targets, v)
	case *VPCAssociation:
		v.Kind, m.VPCAssociations = KindVPCAssociation, append(m.VPCAssociations, v)
	case *ServiceAssociation:
		v.Kind, m.ServiceAssociations = KindServiceAssociation, append(m.ServiceAssociations, v)
	case *ResourceAssociation:
		v.Kind, m.ResourceAssociations = KindResourceAssociation, append(m.ResourceAssociations, v)
	case *VPCEndpoint:
		v.Kind, m.VPCEndpoints = KindVPCEndpoint, append(m.VPCEndpoints, v)
	case *ResourceGateway:
		v.Kind, m.ResourceGateways = KindResourceGateway, append(m.ResourceGateways, v)
	case *ResourceConfiguration:
		v.Kind, m.ResourceConfigurations = KindResourceConfiguration, append(m.ResourceConfigurations, v)
	case *AuthPolicy:
		v.Kind, m.AuthPolicies = KindAuthPolicy, append(m.AuthPolicies, v)
	case *ResourcePolicy:
		v.Kind, m.ResourcePolicies = KindResourcePolicy, append(m.ResourcePolicies, v)
	case *AccessLogSubscription:
		v.Kind, m.AccessLogSubscriptions = KindAccessLogSubscription, append(m.AccessLogSubscriptions, v)
	case *ResourceShare:
		v.Kind, m.ResourceShares = KindResourceShare, append(m.ResourceShares, v)
	case *ShareAssociation:
		v.Kind, m.ShareAssociations = KindShareAssociation, append(m.ShareAssociations, v)
	case *LambdaFunction:
		v.Kind, m.LambdaFunctions = KindLambdaFunction, append(m.LambdaFunctions, v)
	case *LambdaPermission:
		v.Kind, m.LambdaPermissions = KindLambdaPermission, append(m.LambdaPermissions, v)
	case *LoadBalancer:
		v.Kind, m.LoadBalancers = KindLoadBalancer, append(m.LoadBalancers, v)
	case *LoadBalancerListener:
		v.Kind, m.LoadBalancerListeners = KindLoadBalancerListener, append(m.LoadBalancerListeners, v)
	case *Instance:
		v.Kind, m.Instances = KindInstance, append(m.Instances, v)
	case *ECSService:
		v.Kind, m.ECSServices = KindECSService, append(m.ECSServices, v)
	case *External:
		v.Kind, m.Externals = KindExternal, append(m.Externals, v)
	default:
		return fmt.Errorf("model: unsupported entity type %T", e)
	}
	m.byID[b.ID] = e
	m.order = append(m.order, e)
	return nil
}

// AllKinds lists every entity kind.
var AllKinds = []Kind{
	KindVPC, KindSubnet, KindSecurityGroup, KindSecurityGroupRule, KindPrefixList,
	KindServiceNetwork, KindService, KindListener, KindListenerRule, KindTargetGroup, KindTarget,
	KindVPCAssociation, KindServiceAssociation, KindResourceAssociation, KindVPCEndpoint,
	KindResourceGateway, KindResourceConfiguration, KindAuthPolicy, KindResourcePolicy,
	KindAccessLogSubscription, KindResourceShare, KindShareAssociation, KindLambdaFunction,
	KindLambdaPermission, KindLoadBalancer, KindLoadBalancerListener, KindInstance, KindECSService,
	KindExternal,
}

// MarshalJSON writes the model as the policies see it: every collection is an
// object keyed by entity ID, so rules join by ID in constant time.
func (m *Model) MarshalJSON() ([]byte, error) {
	out := make(map[string]any, len(AllKinds)+2)
	out["schema_version"] = SchemaVersion
	accounts := m.Accounts
	if accounts == nil {
		accounts = map[string]*Account{}
	}
	out["accounts"] = accounts
	colls := make(map[string]map[string]Entity, len(AllKinds))
	for _, k := range AllKinds {
		colls[k.Collection()] = map[string]Entity{}
	}
	for _, e := range m.order {
		b := e.Base()
		colls[b.Kind.Collection()][b.ID] = e
	}
	for name, c := range colls {
		out[name] = c
	}
	return json.Marshal(out)
}

// CollectionNames lists the JSON collection names in sorted order.
func CollectionNames() []string {
	names := make([]string, 0, len(AllKinds))
	for _, k := range AllKinds {
		names = append(names, k.Collection())
	}
	sort.Strings(names)
	return names
}
