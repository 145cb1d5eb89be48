package nesting

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHCL(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	tests := []struct {
		name     string
		src      string
		max      int
		line     int // 0: no error
		col      int
		contains string
	}{
		{"flat", "a = 1\nb = [1, 2, 3]\n", 8, 0, 0, ""},
		{"brackets within limit", "x = " + deep(6) + "\n", 8, 0, 0, ""},
		{"brackets over limit", "\nx = " + deep(20000) + "\n", 100, 2, 103, "deeper than 100 levels"},
		{"default limit", "x = " + deep(20000), 0, 1, 515, "deeper than 512"},
		{"brackets in strings do not count", `x = "` + strings.Repeat("[", 5000) + `"` + "\n", 8, 0, 0, ""},
		{"closers in strings do not hide nesting", "x = " + strings.Repeat(`[ "]", `, 50) + "\n", 20, 1, 126, "deeper"},
		{"escaped quote stays in string", `x = "\"[[[[[[[[[[[[[[[[[[[[[[["` + "\n", 8, 0, 0, ""},
		{"newline does not end a quoted string", "x = \"a\n[[[[[[[[[[[[[[[[\"\n", 8, 0, 0, ""},
		{"brackets in comments do not count", "# [[[[[[[[[[[[[[[[[[[[\n// ((((((((((((((((((((\n/* {{{{{{{{{{{{{{{{{{{{ */\nx = 1\n", 8, 0, 0, ""},
		{"unterminated block comment is code", "/* " + strings.Repeat("[", 30), 20, 1, 21, "deeper"},
		{"heredoc body does not count", "x = <<EOT\n[[[[[[[[[[[[[[[[[[[[[[[\nEOT\ny = 1\n", 8, 0, 0, ""},
		{"heredoc interpolation counts", "x = <<-EOT\n  ${" + deep(30) + "}\n  EOT\n", 20, 2, 21, "deeper"},
		{"heredoc marker must start a line", "x = <<EOT\n${1}EOT\n[[[[[[[[[[[[[[[[[[[[[[[\nEOT\n", 8, 0, 0, ""},
		{"interpolation counts", `x = "${` + deep(30) + `}"`, 20, 1, 24, "deeper"},
		{"escaped interpolation is text", `x = "$${` + strings.Repeat("[", 30) + `}"`, 20, 0, 0, ""},
		{"brace closes interpolation over open brackets", `x = "${ [ }` + strings.Repeat("[", 30) + `"`, 20, 0, 0, ""},
		{"many interpolations side by side", "x = \"" + strings.Repeat("${a.b[0]}", 10000) + "\"\n", 16, 0, 0, ""},
		{"long list", "x = [" + strings.Repeat("1 + 2, ", 20000) + "]\n", 16, 0, 0, ""},
		{"long object", "x = {\n" + strings.Repeat("  a = b.c.d + 1\n", 20000) + "}\n", 16, 0, 0, ""},
		{"binary operator chain", "x = 1" + strings.Repeat(" + 1", 1000) + "\n", 100, 1, 399, "expression nests deeper than 100"},
		{"unary chain", "x = " + strings.Repeat("-", 1000) + "1\n", 100, 1, 103, "expression"},
		{"negation chain", "x = " + strings.Repeat("!", 1000) + "true\n", 100, 1, 103, "expression"},
		{"conditional chain", "x = " + strings.Repeat("a ? b : ", 100) + "c\n", 100, 1, 399, "expression"},
		{"index chain", "x = a" + strings.Repeat("[i]", 200) + "\n", 100, 1, 300, "expression"},
		{"operators inside brackets add up", "x = " + strings.Repeat("(1 + 1 + ", 40) + "1" + strings.Repeat(")", 40) + "\n", 100, 1, 300, "expression"},
		{"deep operand charges the expression", "x = (" + strings.Repeat("1 + ", 60) + "1)" + strings.Repeat(" + 1", 60) + "\n", 100, 1, 397, "expression"},
		{"newline ends an item at body level", strings.Repeat("x = 1 + 1 + 1 + 1\n", 1000), 16, 0, 0, ""},
		{"newline inside parentheses does not", "x = (1\n" + strings.Repeat("+ 1\n", 200) + ")\n", 100, 99, 1, "expression"},
		{"identifiers with dashes are one token", "x = " + strings.Repeat("a-", 500) + "b\n", 16, 0, 0, ""},
		{"exponents are numbers", "x = [1e+5, 2E-3, 1.5e10]\n", 8, 0, 0, ""},
		{"nested template directives", "x = <<EOT\n" + strings.Repeat("%{ if a }", 200) + strings.Repeat("%{ endif }", 200) + "\nEOT\n", 100, 2, 865, "expression"},
		{"sequential template directives", "x = <<EOT\n" + strings.Repeat("%{ if a }x%{ endif }", 2000) + "\nEOT\n", 16, 0, 0, ""},
		{"invalid UTF-8 and control bytes", "x = \xff\xfe\x00\x01 [[[\n", 8, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := HCL([]byte(tt.src), tt.max)
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("unexpected error at %d:%d: %v", err.Line, err.Column, err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			if err.Line != tt.line || err.Column != tt.col || !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("got %d:%d %q, want %d:%d containing %q", err.Line, err.Column, err, tt.line, tt.col, tt.contains)
			}
		})
	}
}

func TestTemplate(t *testing.T) {
	if err := Template([]byte(`{"a": [[[[[[[[[[[[[[[[[[[[[[[[[[[[ "quotes" ]]] }`), 8); err != nil {
		t.Errorf("literal text counted: %v", err)
	}
	err := Template([]byte("line\n${"+strings.Repeat("(", 40)+"}"), 20)
	if err == nil || err.Line != 2 || err.Column != 21 {
		t.Errorf("got %v", err)
	}
}

func TestJSON(t *testing.T) {
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	tests := []struct {
		name      string
		src       string
		terraform bool
		max       int
		line, col int
	}{
		{"flat", `{"a": [1, 2, {"b": "c"}]}`, false, 4, 0, 0},
		{"deep", "{\n\"a\": " + deep + "}", false, 100, 2, 105},
		{"brackets in strings", `{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}`, false, 4, 0, 0},
		{"escaped quote", `{"a": "\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}`, false, 4, 0, 0},
		{"template in plain JSON is text", `{"a": "${` + deep + `}"}`, false, 4, 0, 0},
		{"template in Terraform JSON", `{"locals": {"a": "${` + deep + `}"}}`, true, 100, 1, 18},
		{"escaped template in Terraform JSON", `{"locals": {"a": "\u0024{` + deep + `}"}}`, true, 100, 1, 18},
		{"literal template text", `{"locals": {"a": "$${[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[}"}}`, true, 8, 0, 0},
		{"type expression", `{"variable": {"v": {"type": "` + strings.Repeat("list(", 200) + "string" + strings.Repeat(")", 200) + `"}}}`, true, 100, 1, 29},
		{"prose is not an expression", `{"variable": {"v": {"description": "` + strings.Repeat("a-b+c. ", 2000) + `"}}}`, true, 16, 0, 0},
		{"control character ends a string", "{\"a\": \"x\n[[[[[[[[[[\"}", false, 4, 2, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scan := JSON
			if tt.terraform {
				scan = TerraformJSON
			}
			err := scan([]byte(tt.src), tt.max)
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("unexpected error at %d:%d: %v", err.Line, err.Column, err)
				}
				return
			}
			if err == nil || err.Line != tt.line || err.Column != tt.col {
				t.Fatalf("got %#v, want an error at %d:%d", err, tt.line, tt.col)
			}
		})
	}
}

// TestFixturesAreShallow: every Terraform file shipped with the project passes
// at a limit far below the default, so the default has a wide margin.
func TestFixturesAreShallow(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	n := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "malformed") {
			return filepath.SkipDir
		}
		var scan func([]byte, int) *Error
		switch {
		case strings.HasSuffix(p, ".tf"), strings.HasSuffix(p, ".tfvars"):
			scan = HCL
		case strings.HasSuffix(p, ".tf.json"), strings.HasSuffix(p, ".tfvars.json"):
			scan = TerraformJSON
		case strings.HasSuffix(p, ".tpl"), strings.HasSuffix(p, ".tftpl"):
			scan = Template
		default:
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		if e := scan(src, 48); e != nil {
			t.Errorf("%s:%d:%d: %v", p, e.Line, e.Column, e)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no Terraform files found")
	}
}
