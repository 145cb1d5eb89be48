package schema

// networkTables are the EC2, RAM, Lambda, ELB and ECS kinds. Their front-end
// mappings are still written by hand (pkg/parse/*/network.go); they move here
// as rules come to need their fields.
var networkTables = []*Resource{}
