package ruledoc

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// A rule's examples are cut from its fixtures: fixtures/rules/<ID>/positive/
// <format>/ raises the rule and expected.txt says on which lines; the
// negative case of the same format is, by convention, the same topology with
// the defect fixed, so the lines it adds or changes are the fix.

// Mark tags an example line.
type Mark string

// Line marks.
const (
	MarkNone    Mark = ""
	MarkFinding Mark = ">" // the rule reports this line
	MarkFix     Mark = "+" // the good example adds or changes this line
)

// Line is one source line of an example; No is its 1-based line number in
// the fixture, 0 for the "…" separator of skipped lines.
type Line struct {
	No   int
	Text string
	Mark Mark
}

// Example is one fixture case cut down to what matters: the blocks the rule
// reports, or the blocks the fix adds or changes, file by file.
type Example struct {
	Format string // terraform or cloudformation
	Files  []File
}

// File is an excerpt of one fixture file.
type File struct {
	// Path is the fixture file from the repository root
	// (fixtures/rules/LAT-OBS-001/positive/terraform/main.tf).
	Path  string
	Lines []Line
}

// Language is the code-fence language of the file.
func (f *File) Language() string {
	switch path.Ext(f.Path) {
	case ".tf":
		return "hcl"
	case ".json":
		return "json"
	}
	return "yaml"
}

// Examples are a rule's bad (raises it) and good (does not) excerpts; either
// may be nil when the rule has no such fixture.
type Examples struct {
	Bad, Good *Example
}

// fixtureRoot is where the fixtures FS sits in the repository.
const fixtureRoot = "fixtures"

// maxBlock is the longest block shown whole; longer ones keep the lines
// around what is marked.
const maxBlock = 30

// ExamplesFor cuts the examples of rule id out of fsys, the fixtures folder
// (fixtures.Rules). Terraform is preferred, then CloudFormation; the good
// example is taken from the same format as the bad one when it exists.
func ExamplesFor(fsys fs.FS, id string) (Examples, error) {
	var ex Examples
	bad, err := badExample(fsys, id)
	if err != nil || bad == nil {
		return ex, err
	}
	ex.Bad = bad
	ex.Good, err = goodExample(fsys, id, bad)
	return ex, err
}

// reported is one line of an expected.txt that reports a rule.
type reported struct {
	rule string
	file string // relative to the fixtures folder
	line int
}

// findings reads the findings of a fixture case's expected.txt.
func findings(fsys fs.FS, dir string) ([]reported, error) {
	b, err := fs.ReadFile(fsys, path.Join(dir, "expected.txt"))
	if err != nil {
		return nil, err
	}
	var out []reported
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || fields[0] == "input" {
			continue
		}
		loc := fields[len(fields)-1] // file:line:col
		rest, _, ok := cutLast(loc, ":")
		if !ok {
			continue
		}
		file, ln, ok := cutLast(rest, ":")
		n, err := strconv.Atoi(ln)
		if !ok || err != nil {
			continue
		}
		out = append(out, reported{rule: fields[0], file: strings.TrimPrefix(file, fixtureRoot+"/"), line: n})
	}
	return out, sc.Err()
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// formatsIn lists the format folders of a case, Terraform first.
func formatsIn(fsys fs.FS, id, kase string) []string {
	entries, err := fs.ReadDir(fsys, path.Join("rules", id, kase))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i] == "terraform") != (out[j] == "terraform") {
			return out[i] == "terraform"
		}
		return out[i] < out[j]
	})
	return out
}

// badExample excerpts the blocks of the positive case the rule reports, in
// the first format that has both cases (else the first positive one).
func badExample(fsys fs.FS, id string) (*Example, error) {
	formats := formatsIn(fsys, id, "positive")
	negatives := formatsIn(fsys, id, "negative")
	slices.SortStableFunc(formats, func(a, b string) int {
		return boolRank(slices.Contains(negatives, a)) - boolRank(slices.Contains(negatives, b))
	})
	for _, format := range formats {
		fs2, err := findings(fsys, path.Join("rules", id, "positive", format))
		if err != nil {
			return nil, err
		}
		var mine []reported
		for _, f := range fs2 {
			if f.rule == id {
				mine = append(mine, f)
			}
		}
		if len(mine) == 0 {
			continue
		}
		file := mine[0].file
		lines, err := readLines(fsys, file)
		if err != nil {
			return nil, err
		}
		marks := map[int]Mark{}
		for _, f := range mine {
			if f.file == file {
				marks[f.line] = MarkFinding
			}
		}
		return &Example{Format: format, Files: []File{{Path: path.Join(fixtureRoot, file), Lines: excerpt(lines, file, marks, nil)}}}, nil
	}
	return nil, nil
}

func boolRank(b bool) int {
	if b {
		return 0
	}
	return 1
}

// goodExample excerpts the negative case of the bad example's format: in
// each of its files the blocks holding lines it adds or changes against the
// positive file of the same name, and the block that corresponds to the
// reported one.
func goodExample(fsys fs.FS, id string, bad *Example) (*Example, error) {
	posDir := path.Join("rules", id, "positive", bad.Format)
	negDir := path.Join("rules", id, "negative", bad.Format)
	files, err := sources(fsys, negDir)
	if err != nil || len(files) == 0 {
		return nil, err
	}
	badFile := strings.TrimPrefix(bad.Files[0].Path, fixtureRoot+"/")
	badRel := strings.TrimPrefix(badFile, posDir+"/")
	if !slices.Contains(files, path.Join(negDir, badRel)) {
		badRel = "" // the reported file has no counterpart: pair by position
	}
	ex := &Example{Format: bad.Format}
	for i, file := range files {
		rel := strings.TrimPrefix(file, negDir+"/")
		good, err := readLines(fsys, file)
		if err != nil {
			return nil, err
		}
		counterpart := path.Join(posDir, rel)
		if badRel == "" && i == 0 {
			counterpart = badFile
		}
		before, err := readLines(fsys, counterpart)
		if err != nil {
			before = nil // a file only the fixed case has: all of it is the fix
		}
		marks := map[int]Mark{}
		for _, n := range addedLines(before, good) {
			marks[n] = MarkFix
		}
		var also []int
		if counterpart == badFile {
			also = reportedBlock(bad.Files[0], before, badFile, good)
		}
		lines := excerpt(good, file, marks, also)
		if len(marks) == 0 && len(also) == 0 {
			continue
		}
		ex.Files = append(ex.Files, File{Path: path.Join(fixtureRoot, file), Lines: lines})
	}
	if len(ex.Files) == 0 {
		return nil, nil
	}
	return ex, nil
}

// reportedBlock finds, in the fixed file, the header line of the first block
// the bad example shows.
func reportedBlock(bad File, before []string, badFile string, good []string) []int {
	for _, l := range bad.Lines {
		if l.No == 0 || !isHeader(before, badFile, l.No) {
			continue
		}
		if i := slices.Index(good, before[l.No-1]); i >= 0 {
			return []int{i + 1}
		}
		return nil
	}
	return nil
}

// sources lists the input files of a fixture case (not expected.txt), sorted.
func sources(fsys fs.FS, dir string) ([]string, error) {
	var out []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Base(p) != "expected.txt" {
			out = append(out, p)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	sort.Strings(out)
	return out, err
}

func readLines(fsys fs.FS, file string) ([]string, error) {
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, fmt.Errorf("example %s: %w", file, err)
	}
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n"), nil
}

// addedLines are the 1-based numbers of the lines of b that are not in a
// longest common subsequence with a: what the fix adds or changes.
func addedLines(a, b []string) []int {
	n, m := len(a), len(b)
	if n*m > 4_000_000 { // fixtures are short; never spend more on one
		return nil
	}
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []int
	i, j := 0, 0
	for j < m {
		switch {
		case i < n && a[i] == b[j]:
			i, j = i+1, j+1
		case i < n && lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			if strings.TrimSpace(b[j]) != "" {
				out = append(out, j+1)
			}
			j++
		}
	}
	return out
}

// excerpt returns the top-level blocks (Terraform blocks, CloudFormation
// resources) that hold a marked line or one of also, with their marks.
func excerpt(lines []string, file string, marks map[int]Mark, also []int) []Line {
	ri := resourceIndent(lines, file)
	show := map[int]bool{}
	var starts []int
	for n := range marks {
		starts = append(starts, n)
	}
	starts = append(starts, also...)
	sort.Ints(starts)
	for _, n := range starts {
		from, to := block(lines, ri, n)
		if to-from+1 <= maxBlock {
			for i := from; i <= to; i++ {
				show[i] = true
			}
			continue
		}
		show[from], show[to] = true, true
		for m := range marks {
			if m >= from && m <= to {
				for i := max(from, m-4); i <= min(to, m+4); i++ {
					show[i] = true
				}
			}
		}
	}
	// The leading comment says what the case is about.
	for i := 1; i <= len(lines) && isComment(lines[i-1]); i++ {
		show[i] = true
		delete(marks, i)
	}
	var out []Line
	prev := 0
	for i := 1; i <= len(lines); i++ {
		if !show[i] {
			continue
		}
		if prev != 0 && i > prev+1 {
			out = append(out, Line{})
		}
		out = append(out, Line{No: i, Text: lines[i-1], Mark: marks[i]})
		prev = i
	}
	return out
}

// resourceIndent is the indentation of the blocks an excerpt shows: 0 in
// Terraform, that of the resources under Resources in CloudFormation.
func resourceIndent(lines []string, file string) int {
	if path.Ext(file) == ".tf" {
		return 0
	}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "Resources:") && !strings.HasPrefix(t, `"Resources"`) {
			continue
		}
		for _, next := range lines[i+1:] {
			if s := strings.TrimSpace(next); s != "" && !strings.HasPrefix(s, "#") {
				return indent(next)
			}
		}
	}
	return 0
}

func isComment(l string) bool {
	t := strings.TrimSpace(l)
	return strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//")
}

func indent(l string) int { return len(l) - len(strings.TrimLeft(l, " \t")) }

// isHeader reports whether line n (1-based) starts a block at the resource
// indentation.
func isHeader(lines []string, file string, n int) bool {
	if isComment(lines[n-1]) || strings.TrimSpace(lines[n-1]) == "" {
		return false
	}
	from, _ := block(lines, resourceIndent(lines, file), n)
	return from == n
}

// block finds the lines (1-based, inclusive) of the block at indentation ri
// that holds line n: up to the nearest header at that indentation, down to
// the line before the next one (or its closing bracket).
func block(lines []string, ri, n int) (int, int) {
	opens := func(l string) bool {
		t := strings.TrimSpace(l)
		return t != "" && indent(l) == ri && !isComment(l) && !strings.HasPrefix(t, "}") && !strings.HasPrefix(t, "]")
	}
	from := n
	for from > 1 && !opens(lines[from-1]) {
		from--
	}
	if !opens(lines[from-1]) {
		return n, n
	}
	to := from
	for i := from + 1; i <= len(lines); i++ {
		l := lines[i-1]
		t := strings.TrimSpace(l)
		if t == "" || indent(l) > ri {
			continue
		}
		if strings.HasPrefix(t, "}") || strings.HasPrefix(t, "]") {
			to = i
		}
		break
	}
	if to == from { // ran into the next block: stop at the last non-blank line before it
		for i := from + 1; i <= len(lines); i++ {
			l := lines[i-1]
			t := strings.TrimSpace(l)
			if t != "" && indent(l) <= ri {
				break
			}
			if t != "" {
				to = i
			}
		}
	}
	return from, to
}
