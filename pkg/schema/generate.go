package schema

// api_gen.go holds the facts of the VPC Lattice API model (enums, patterns,
// bounds, required members). To refresh them from a newer model:
//
//	go run ./internal/apigen/cmd -api /path/to/vpc-lattice-api-2022-11-30.json
//
// which rewrites api/vpc-lattice-facts.json and then api_gen.go.
//go:generate go run ./internal/apigen/cmd

// policies/schemas/input.json is the JSON Schema of the model.
//go:generate go run ./internal/inputschema
