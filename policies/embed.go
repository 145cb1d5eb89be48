// Package policies holds the built-in lattice-lint rules as Rego source, one
// rule per file under a category folder (correctness, security, crossaccount,
// observability, hygiene), the shared helper library under lib, and the Rego
// unit tests beside each file. The rules engine (package rules) compiles them.
package policies

import "embed"

// FS is every .rego file of the built-in policy set, tests included; the
// engine skips *_test.rego, the Rego test runner uses them.
//
//go:embed */*.rego
var FS embed.FS
