package schema

import (
	"bytes"
	"os"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/schema/internal/apigen"
)

// TestGeneratedIsFresh fails when api_gen.go no longer matches the facts file:
// run `go generate ./pkg/schema`.
func TestGeneratedIsFresh(t *testing.T) {
	facts, err := os.ReadFile("api/vpc-lattice-facts.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := apigen.Render(facts)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("api_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("api_gen.go is stale: run `go generate ./pkg/schema`")
	}
	if len(apiShapes["AuthType"].Enum) == 0 {
		t.Error("the AuthType enum is missing from the facts")
	}
}

// TestFactsKeepNoDocumentation guards the rule that only facts, not AWS's
// documentation text, are kept in the repository.
func TestFactsKeepNoDocumentation(t *testing.T) {
	facts, err := os.ReadFile("api/vpc-lattice-facts.json")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(facts, []byte("documentation")) || bytes.Contains(facts, []byte("<p>")) {
		t.Error("the facts file holds documentation text")
	}
}
