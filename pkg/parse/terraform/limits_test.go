package terraform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

const svc = `resource "aws_vpclattice_service" "ok" {
  name = "ok"
}
`

// messages renders diagnostics as "file:line:col: severity: summary: detail".
func messages(ds diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// TestHostileNesting: input that would overflow the parser's or the
// evaluator's stack (a fatal error no recover() catches) is refused with a
// positioned error, and the other files of the folder are still read.
func TestHostileNesting(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            string
	}{
		{"brackets", "deep.tf", "locals {\n  x = " + strings.Repeat("[", 3_000_000) + "\n}\n",
			"deep.tf:2:516: error: Nesting too deep: expression nests deeper than 512 levels"},
		{"unary chain", "deep.tf", "locals {\n  x = " + strings.Repeat("-", 2_000_000) + "1\n}\n",
			"deep.tf:2:516: error: Nesting too deep"},
		{"binary chain", "deep.tf", "locals {\n  x = 1" + strings.Repeat("+1", 1_000_000) + "\n}\n",
			"deep.tf:2:1026: error: Nesting too deep"},
		{"JSON", "deep.tf.json", `{"locals": {"x": ` + strings.Repeat("[", 3_000_000) + "}}",
			"deep.tf.json:1:528: error: Nesting too deep"},
		{"template in JSON", "deep.tf.json", `{"locals": {"x": "${` + strings.Repeat("(", 1_000_000) + `}"}}`,
			"deep.tf.json:1:18: error: Nesting too deep"},
		{"jsondecode", "deep.tf", "locals {\n  x = jsondecode(\"" + strings.Repeat("[", 3_000_000) + "\")\n}\n" +
			`resource "aws_vpclattice_service" "j" {` + "\n  name = local.x\n}\n",
			`Call to function "jsondecode" failed: JSON nesting deeper than 512 levels`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ds := load(t, map[string]string{tt.file: tt.src, "ok.tf": svc}, Options{Limits: settings.Limits{MaxFileSize: 10 << 20}})
			if got := messages(ds); !strings.Contains(got, tt.want) {
				t.Errorf("diagnostics lack %q:\n%s", tt.want, got)
			}
			entity[*model.Service](t, m, ".//aws_vpclattice_service.ok")
		})
	}
}

// TestTemplatefileLimits: a template that renders itself and one nested too
// deeply fail the call (the value is unknown) instead of the process.
func TestTemplatefileLimits(t *testing.T) {
	files := map[string]string{
		"main.tf": `resource "aws_vpclattice_service" "a" {
  name = templatefile("self.tpl", {})
}
resource "aws_vpclattice_service" "b" {
  name = templatefile("deep.tpl", {})
}
`,
		"self.tpl": `${templatefile("self.tpl", {})}`,
		"deep.tpl": "x\n${" + strings.Repeat("(", 100_000) + "}",
	}
	m, ds := load(t, files, Options{})
	got := messages(ds)
	for _, want := range []string{
		"cannot call templatefile from inside a templatefile template",
		"deep.tpl:2:513: expression nests deeper than 512 levels",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	for _, id := range []string{".//aws_vpclattice_service.a", ".//aws_vpclattice_service.b"} {
		if name := entity[*model.Service](t, m, id).Name; name.Known {
			t.Errorf("%s: name %q, want unknown", id, name.Value)
		}
	}
}

// TestSymlinksOutOfTheRoot: neither a .tf file nor a file() argument that is
// a symbolic link leading outside the root is read.
func TestSymlinksOutOfTheRoot(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "credentials")
	if err := os.WriteFile(secret, []byte("aws_secret_access_key = \"hunter2\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(root, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `resource "aws_vpclattice_service" "s" {
  name = file("creds.txt")
}
`)
	for link, target := range map[string]string{"stolen.tf": secret, "creds.txt": secret, "inside.txt": filepath.Join(root, "name.txt")} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skipf("symlinks unsupported: %v", err)
		}
	}
	write("name.txt", "fine")
	write("other.tf", `resource "aws_vpclattice_service" "o" {
  name = file("inside.txt")
}
`)
	m := model.New()
	res := Load(context.Background(), []string{root}, Options{Root: root}, m)
	got := messages(res.Diagnostics)
	if strings.Contains(got, "hunter2") || strings.Contains(string(res.Sources["stolen.tf"]), "hunter2") {
		t.Fatalf("secret read:\n%s", got)
	}
	for _, want := range []string{
		"stolen.tf:1:1: error: Cannot read file: stolen.tf is a symbolic link that leads outside the tree being linted",
		"creds.txt is a symbolic link that leads outside the tree being linted",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	m.Link()
	if name := entity[*model.Service](t, m, ".//aws_vpclattice_service.o").Name; name.Value != "fine" {
		t.Errorf("a link inside the root: name %+v, want fine", name)
	}
}

// TestRecoverParse: a panic while parsing becomes an error naming the file.
func TestRecoverParse(t *testing.T) {
	pf := &parsedFile{}
	func() {
		defer recoverParse(pf, "mod/broken.tf")
		panic("parser bug")
	}()
	if pf.file != nil || len(pf.diags) != 1 {
		t.Fatalf("got %+v", pf)
	}
	d := pf.diags[0]
	if d.Subject == nil || d.Subject.Filename != "mod/broken.tf" || !strings.Contains(d.Detail, "parser bug") || d.Summary != "Internal error" {
		t.Errorf("diagnostic %v", d)
	}
}

// TestRootChoiceSkipsRefusedFiles: choosing roots reads module calls from the
// run's one parse, so a file refused for its size or depth is never read whole
// or parsed, and the folders it would call still get read (as roots).
func TestRootChoiceSkipsRefusedFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.tf")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`module "m" { source = "./m" }` + "\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(2 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	write := func(p, src string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "deep.tf"), `module "d" { source = "./d" }`+"\nlocals { x = "+strings.Repeat("[", 100_000)+" }\n")
	write(filepath.Join(dir, "m", "main.tf"), svc)
	write(filepath.Join(dir, "d", "main.tf"), svc)
	l := newLoader(context.Background(), Options{Root: dir, Limits: settings.Limits{MaxFileSize: 1 << 20}}, model.New())
	dirs := []string{dir, filepath.Join(dir, "d"), filepath.Join(dir, "m")}
	l.preParse(dirs)
	if got := l.chooseRoots(dirs); len(got) != 3 {
		t.Errorf("roots %v: calls from refused files must not turn folders into modules", got)
	}
	if pf := l.parsed[big]; pf == nil || pf.readErr == nil || len(pf.src) != 0 {
		t.Errorf("the oversized file must be refused unread: %+v", pf)
	}
}

// TestBinaryFile: binary data named .tf is one error at its first NUL byte,
// not hundreds of syntax errors.
func TestBinaryFile(t *testing.T) {
	_, ds := load(t, map[string]string{"blob.tf": "# ok\nxyé\x00\x01\x02\xff" + strings.Repeat("\x00`'", 1000), "ok.tf": svc}, Options{})
	got := messages(ds)
	if want := "blob.tf:2:4: error: Binary file: The file holds a NUL byte"; !strings.Contains(got, want) || strings.Count(got, "blob.tf") != 1 {
		t.Errorf("want one diagnostic %q, got:\n%s", want, got)
	}
}

// TestSetProductBound: setproduct refuses a huge product before building it,
// and still works for ordinary ones.
func TestSetProductBound(t *testing.T) {
	src := `locals {
  big   = setproduct(range(1000), range(1000), range(100))
  small = setproduct(["a", "b"], [1, 2, 3])
}
resource "aws_vpclattice_service_network" "n" {
  name      = "n-${length(local.small)}"
  auth_type = length(local.big) > 0 ? "AWS_IAM" : "NONE"
}
`
	done := make(chan struct{})
	var m *model.Model
	var ds diag.Diagnostics
	go func() {
		defer close(done)
		m, ds = load(t, map[string]string{"main.tf": src}, Options{})
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute): // a hang guard, not a timing check
		t.Fatal("setproduct of a billion elements was computed")
	}
	if got := messages(ds); !strings.Contains(got, "the product has more than 100000 elements; not computed") {
		t.Errorf("diagnostics:\n%s", got)
	}
	if name := entity[*model.ServiceNetwork](t, m, ".//aws_vpclattice_service_network.n").Name; name.Value != "n-6" {
		t.Errorf("name %+v, want n-6", name)
	}
}
