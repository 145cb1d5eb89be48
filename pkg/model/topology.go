package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

// SchemaVersion is the version of the JSON model (docs/model-schema.md). It changes
// when a field is removed or changes meaning; added fields keep the version.
const SchemaVersion = "1"

// Account is an AWS account the model attributes entities to.
type Account struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Organization is the AWS Organizations id (o-…) the account belongs
	// to, when an input says so: a RAM share or policy naming the
	// organization then covers it.
	Organization string `json:"organization,omitempty"`
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
	ShareAccepters         []*ShareAccepter
	LambdaFunctions        []*LambdaFunction
	LambdaPermissions      []*LambdaPermission
	LoadBalancers          []*LoadBalancer
	LoadBalancerListeners  []*LoadBalancerListener
	Instances              []*Instance
	ECSServices            []*ECSService
	AutoScalingGroups      []*AutoScalingGroup
	DNSZones               []*DNSZone
	DNSRecords             []*DNSRecord
	LogDestinations        []*LogDestination
	DomainVerifications    []*DomainVerification
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
	info := registry.byType[reflect.TypeOf(e)]
	if info == nil {
		return fmt.Errorf("model: unsupported entity type %T", e)
	}
	b.Kind = info.Kind
	list := info.list(m)
	list.Set(reflect.Append(list, reflect.ValueOf(e)))
	m.byID[b.ID] = e
	m.order = append(m.order, e)
	return nil
}

// Document is the model as the policies see it, before encoding: the schema
// version, the accounts, and every collection as an object keyed by entity
// ID, so rules join by ID in constant time. MarshalJSON encodes it; the rule
// engine converts the same document to OPA values without the JSON text.
func (m *Model) Document() map[string]any {
	out := make(map[string]any, len(AllKinds)+2)
	out["schema_version"] = SchemaVersion
	accounts := m.Accounts
	if accounts == nil {
		accounts = map[string]*Account{}
	}
	out["accounts"] = accounts
	colls := make(map[string]map[string]Entity, len(AllKinds))
	for _, k := range AllKinds {
		c := map[string]Entity{}
		colls[k.Collection()] = c
		out[k.Collection()] = c
	}
	for _, e := range m.order {
		b := e.Base()
		colls[b.Kind.Collection()][b.ID] = e
	}
	return out
}

// MarshalJSON writes Document as JSON.
func (m *Model) MarshalJSON() ([]byte, error) { return json.Marshal(m.Document()) }

// CollectionNames lists the JSON collection names in sorted order.
func CollectionNames() []string {
	names := make([]string, 0, len(AllKinds))
	for _, k := range AllKinds {
		names = append(names, k.Collection())
	}
	sort.Strings(names)
	return names
}
