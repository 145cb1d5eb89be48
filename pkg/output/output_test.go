package output

import (
	"bytes"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/report"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenCases are the reports every format is rendered from.
var goldenCases = []struct {
	name   string
	report func() *report.Report
}{
	{"full", fullReport},
	{"empty", emptyReport},
}

// goldenFormats maps each format to its golden file extension.
var goldenFormats = []struct {
	format Format
	color  bool
	ext    string
}{
	{FormatText, false, ".txt"},
	{FormatText, true, ".color.txt"},
	{FormatJSON, false, ".json"},
	{FormatSARIF, false, ".sarif"},
	{FormatGitHub, false, ".github.txt"},
	{FormatJUnit, false, ".junit.xml"},
	{FormatMarkdown, false, ".md"},
	{FormatCodeQuality, false, ".codequality.json"},
}

// goldenMermaid is the diagram the markdown goldens embed; its backtick run
// checks that the fence outgrows the content.
const goldenMermaid = "flowchart LR\n  a[\"svc ```x```\"] --> b[network]\n"

func render(t *testing.T, f Format, r *report.Report, color bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	opts := Options{Color: color, ReadFile: ReadFromDir(filepath.Join("testdata", "src"))}
	if f == FormatMarkdown && len(r.Findings) > 0 {
		opts.LinkBase = "https://github.com/acme/infra/blob/0123abc/"
		opts.Mermaid = goldenMermaid
	}
	if err := Write(&buf, f, r, opts); err != nil {
		t.Fatalf("Write(%s): %v", f, err)
	}
	return buf.Bytes()
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n--- got ---\n%s", path, got)
	}
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		for _, gf := range goldenFormats {
			t.Run(c.name+gf.ext, func(t *testing.T) {
				got := render(t, gf.format, c.report(), gf.color)
				checkGolden(t, filepath.Join("testdata", c.name+gf.ext), got)
				// Colour only when asked for; the empty report has nothing to colour.
				hasANSI := bytes.Contains(got, []byte("\x1b["))
				if hasANSI && !gf.color || !hasANSI && gf.color && c.name == "full" {
					t.Errorf("ANSI escapes present = %v with Color %v", hasANSI, gf.color)
				}
			})
		}
	}
}

// TestDeterministic shuffles everything a report lists: the output must not change.
func TestDeterministic(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, gf := range goldenFormats {
		want := render(t, gf.format, fullReport(), gf.color)
		for i := range 5 {
			r := fullReport()
			rnd.Shuffle(len(r.Findings), func(i, j int) { r.Findings[i], r.Findings[j] = r.Findings[j], r.Findings[i] })
			rnd.Shuffle(len(r.Diagnostics), func(i, j int) { r.Diagnostics[i], r.Diagnostics[j] = r.Diagnostics[j], r.Diagnostics[i] })
			rnd.Shuffle(len(r.Rules), func(i, j int) { r.Rules[i], r.Rules[j] = r.Rules[j], r.Rules[i] })
			if got := render(t, gf.format, r, gf.color); !bytes.Equal(got, want) {
				t.Errorf("%s%s: shuffle %d changed the output", gf.format, gf.ext, i)
			}
		}
	}
}

func TestWriteLeavesReportAlone(t *testing.T) {
	for _, f := range Formats() {
		r := fullReport()
		render(t, f, r, false)
		if !reflect.DeepEqual(r, fullReport()) {
			t.Errorf("Write(%s) modified the report", f)
		}
	}
}

func TestTextWithoutSources(t *testing.T) {
	// No reader and a reader that always fails: findings still print, without snippets.
	failing := func(string) ([]byte, error) { return nil, errors.New("disk on fire") }
	for _, read := range []func(string) ([]byte, error){nil, failing} {
		var buf bytes.Buffer
		if err := Write(&buf, FormatText, fullReport(), Options{ReadFile: read}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.Contains(out, " | ") {
			t.Errorf("snippet printed without a readable source:\n%s", out)
		}
		for _, f := range fullReport().Findings {
			if !strings.Contains(out, f.Range.String()+": "+string(f.Severity)+"["+f.RuleID+"]") {
				t.Errorf("finding %s at %s missing from output", f.RuleID, f.Range)
			}
		}
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in      string
		want    Format
		wantErr bool
	}{
		{"text", FormatText, false},
		{"json", FormatJSON, false},
		{"SARIF", FormatSARIF, false},
		{" github ", FormatGitHub, false},
		{"JUnit", FormatJUnit, false},
		{"checkstyle", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	for _, f := range Formats() {
		if got, err := ParseFormat(string(f)); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v: every listed format must parse", f, got, err)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "checkstyle", fullReport(), Options{}); err == nil {
		t.Error("unknown format: no error")
	}
	if err := Write(&bytes.Buffer{}, FormatJSON, nil, Options{}); err == nil {
		t.Error("nil report: no error")
	}
	if err := Write(failWriter{}, FormatText, fullReport(), Options{}); err == nil {
		t.Error("failing writer: no error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("pipe closed") }

func TestWriteNormalisesFormat(t *testing.T) {
	var lower, upper bytes.Buffer
	if err := Write(&lower, FormatJSON, fullReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&upper, "JSON", fullReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	if lower.Len() == 0 || !bytes.Equal(lower.Bytes(), upper.Bytes()) {
		t.Error(`Write("JSON") did not write the json format`)
	}
}

func TestReaders(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.tf"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	// Inside a repository, paths may climb out of the folder but not out of
	// the repository (the tree).
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	fromDir := ReadFromDir(sub)
	for _, p := range []string{"../a.tf", filepath.ToSlash(filepath.Join(dir, "a.tf"))} {
		if b, err := fromDir(p); err != nil || string(b) != "x\n" {
			t.Errorf("ReadFromDir(%q) = %q, %v", p, b, err)
		}
	}
	if b, err := fromDir("../../outside.tf"); err == nil {
		t.Errorf("ReadFromDir read out of the tree: %q", b)
	}
	fromFS := ReadFromFS(os.DirFS(dir))
	if b, err := fromFS("./a.tf"); err != nil || string(b) != "x\n" {
		t.Errorf("ReadFromFS(./a.tf) = %q, %v", b, err)
	}
	if _, err := ReadFromFS(os.DirFS(sub))("../a.tf"); err == nil {
		t.Error("ReadFromFS read outside its file system")
	}
}

func TestSourceCache(t *testing.T) {
	reads := 0
	c := newSourceCache(func(p string) ([]byte, error) {
		reads++
		if p == "gone.tf" {
			return nil, os.ErrNotExist
		}
		return []byte("\ufeffone\r\ntwo\n"), nil
	})
	tests := []struct {
		file string
		line int
		want string
		ok   bool
	}{
		{"a.tf", 1, "one", true}, // BOM and CR dropped
		{"a.tf", 2, "two", true},
		{"a.tf", 3, "", true}, // after the final newline: an empty last line
		{"a.tf", 4, "", false},
		{"a.tf", 0, "", false},
		{"gone.tf", 1, "", false},
		{"gone.tf", 2, "", false},
		{"", 1, "", false},
	}
	for _, tt := range tests {
		if got, ok := c.line(tt.file, tt.line); got != tt.want || ok != tt.ok {
			t.Errorf("line(%q, %d) = %q, %v; want %q, %v", tt.file, tt.line, got, ok, tt.want, tt.ok)
		}
	}
	if reads != 2 {
		t.Errorf("%d reads for two files", reads)
	}
}
