// Command inputschema writes the JSON Schema of the model to
// policies/schemas/input.json (go generate ./pkg/schema).
package main

import (
	"fmt"
	"os"

	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

func main() {
	b, err := schema.InputSchema()
	if err == nil {
		err = os.WriteFile("../../"+schema.InputSchemaPath, b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "inputschema:", err)
		os.Exit(1)
	}
}
