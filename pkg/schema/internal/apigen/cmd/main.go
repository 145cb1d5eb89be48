// Command apigen renders pkg/schema/api_gen.go from the committed facts file
// (go generate ./pkg/schema). With -api it first refreshes the facts file from
// a full VPC Lattice API model.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/lattice-lint/lattice-lint/pkg/schema/internal/apigen"
)

func main() {
	facts := flag.String("facts", "api/vpc-lattice-facts.json", "facts file (read, or written with -api)")
	out := flag.String("out", "api_gen.go", "generated Go file")
	api := flag.String("api", "", "full API model to refresh the facts file from")
	flag.Parse()
	if err := run(*facts, *out, *api); err != nil {
		fmt.Fprintln(os.Stderr, "apigen:", err)
		os.Exit(1)
	}
}

func run(factsPath, outPath, apiPath string) error {
	if apiPath != "" {
		full, err := os.ReadFile(apiPath)
		if err != nil {
			return err
		}
		trimmed, err := apigen.Trim(full, filepath.Base(apiPath))
		if err != nil {
			return err
		}
		if err := os.WriteFile(factsPath, trimmed, 0o644); err != nil {
			return err
		}
	}
	facts, err := os.ReadFile(factsPath)
	if err != nil {
		return err
	}
	src, err := apigen.Render(facts)
	if err != nil {
		return err
	}
	return os.WriteFile(outPath, src, 0o644)
}
