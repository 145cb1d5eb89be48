package schema

// apiShape is one shape of the VPC Lattice API model (see api_gen.go).
type apiShape struct {
	Type     string
	Enum     []string
	Pattern  string
	Min, Max *int64
	Members  map[string]string
	Member   string
	Required []string
	Union    bool
}

func ptr(v int64) *int64 { return &v }
