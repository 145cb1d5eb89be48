package schema

import "testing"

func TestTablesResolve(t *testing.T) {
	for _, err := range Check() {
		t.Error(err)
	}
}
