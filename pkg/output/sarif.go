package output

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/fingerprint"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// srcRoot is the uriBaseId of every relative artifact location; GitHub code
	// scanning resolves it against the checkout.
	srcRoot = "%SRCROOT%"
)

// The SARIF subset lattice-lint writes; field names are the schema's.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                        `json:"tool"`
		Invocations        []sarifInvocation                `json:"invocations"`
		OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds"`
		ColumnKind         string                           `json:"columnKind"`
		Results            []sarifResult                    `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string           `json:"id"`
		Name                 string           `json:"name,omitempty"`
		ShortDescription     sarifText        `json:"shortDescription"`
		FullDescription      *sarifText       `json:"fullDescription,omitempty"`
		Help                 *sarifMultiText  `json:"help,omitempty"`
		HelpURI              string           `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConfig  `json:"defaultConfiguration"`
		Properties           *sarifProperties `json:"properties,omitempty"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifProperties struct {
		Tags []string `json:"tags,omitempty"`
		// SecuritySeverity is a CVSS-like score ("0.0" to "10.0") that code
		// scanning shows as critical, high, medium or low.
		SecuritySeverity string `json:"security-severity,omitempty"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifMultiText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifResult struct {
		RuleID              string             `json:"ruleId"`
		RuleIndex           int                `json:"ruleIndex"`
		Level               string             `json:"level"`
		Message             sarifText          `json:"message"`
		Locations           []sarifLocation    `json:"locations"`
		RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string  `json:"partialFingerprints"`
		Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
		Properties          map[string]string  `json:"properties,omitempty"`
	}
	// sarifSuppression marks a result the user accepted: code scanning
	// shows it as dismissed, with the justification.
	sarifSuppression struct {
		Kind          string         `json:"kind"`
		Justification string         `json:"justification,omitempty"`
		Location      *sarifLocation `json:"location,omitempty"`
	}
	sarifLocation struct {
		ID               *int           `json:"id,omitempty"`
		PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
		LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
		Message          *sarifText     `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifArtifactLocation struct {
		URI         string     `json:"uri,omitempty"`
		URIBaseID   string     `json:"uriBaseId,omitempty"`
		Description *sarifText `json:"description,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	sarifLogical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
)

// writeSARIF renders one SARIF 2.1.0 run. See docs/output.md for the mapping.
func writeSARIF(w io.Writer, r *report.Report, _ Options) error {
	v := newView(r)
	descriptors, index := sarifRules(v)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: ToolName, Version: r.Version, InformationURI: InformationURI, Rules: descriptors,
		}},
		Invocations:        []sarifInvocation{sarifInvocationOf(v.diags)},
		OriginalURIBaseIDs: map[string]sarifArtifactLocation{srcRoot: rootLocation(r.Root)},
		ColumnKind:         "unicodeCodePoints",
		Results:            []sarifResult{},
	}
	// Suppressed findings stay, marked: dropping them would make code
	// scanning close the alert as fixed instead of dismissed with a reason.
	for _, f := range v.all {
		res := sarifResultOf(f, index[f.RuleID], v, r.Root)
		if sup, ok := v.suppression(f); ok {
			s := sarifSuppression{Kind: sup.Kind, Justification: sup.Justification}
			if pl := physicalLocation(sup.At); pl != nil {
				s.Location = &sarifLocation{PhysicalLocation: pl}
			}
			res.Suppressions = []sarifSuppression{s}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifRules returns one descriptor per rule id, sorted, and each id's index.
// A finding whose rule is not among the report's rules (a report assembled by
// hand, a policy without metadata) still gets a descriptor, because every
// result must point at one.
func sarifRules(v *view) ([]sarifRule, map[string]int) {
	all := append([]finding.Rule(nil), v.rules...)
	missing := map[string]bool{}
	for _, f := range v.all {
		if _, ok := v.byID[f.RuleID]; !ok && !missing[f.RuleID] {
			missing[f.RuleID] = true
			all = append(all, finding.Rule{ID: f.RuleID, Severity: f.Severity})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	index := map[string]int{}
	out := make([]sarifRule, 0, len(all))
	for i, ru := range all {
		index[ru.ID] = i
		out = append(out, sarifRuleOf(ru))
	}
	return out, index
}

func sarifRuleOf(ru finding.Rule) sarifRule {
	d := sarifRule{
		ID:                   ru.ID,
		Name:                 ru.Name,
		ShortDescription:     sarifText{Text: firstNonEmpty(ru.Title, ru.Name, ru.ID)},
		HelpURI:              ru.HelpURI,
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(string(ru.Severity))},
		Properties:           &sarifProperties{Tags: ruleTags(ru.ID), SecuritySeverity: securitySeverity(ru.Severity)},
	}
	if ru.Description != "" {
		d.FullDescription = &sarifText{Text: ru.Description}
	}
	if help := firstNonEmpty(ru.Remediation, ru.Description); help != "" {
		md := help
		if ru.Description != "" && ru.Remediation != "" {
			md = ru.Description + "\n\n**Fix:** " + ru.Remediation
		}
		if ru.HelpURI != "" {
			md += "\n\n[" + ru.ID + "](" + ru.HelpURI + ")"
		}
		d.Help = &sarifMultiText{Text: help, Markdown: md}
	}
	return d
}

// securitySeverity places a rule's default severity in code scanning's
// bands (9.0+ critical, 7.0 high, 4.0 medium, 0.1 low): an error is high,
// since lattice-lint cannot tell a critical exposure from a broken route.
func securitySeverity(s finding.Severity) string {
	switch s {
	case finding.SeverityError:
		return "8.0"
	case finding.SeverityWarning:
		return "5.0"
	case finding.SeverityInfo:
		return "2.0"
	}
	return ""
}

// ruleTags puts a rule in the category its id names (LAT-SEC-004 is a
// security rule); code scanning filters on tags.
func ruleTags(id string) []string {
	categories := map[string]string{
		"COR": "correctness", "SEC": "security", "XAC": "cross-account",
		"OBS": "observability", "QTA": "quota", "HYG": "hygiene", "SUP": "suppression",
	}
	tags := []string{"vpc-lattice"}
	if parts := strings.Split(id, "-"); len(parts) == 3 && parts[0] == "LAT" && categories[parts[1]] != "" {
		tags = append(tags, categories[parts[1]])
		if parts[1] == "XAC" {
			tags = append(tags, "security") // what code scanning shows security severities for
		}
	}
	return tags
}

func sarifLevel(sev string) string {
	switch sev {
	case string(finding.SeverityError):
		return "error"
	case string(finding.SeverityWarning):
		return "warning"
	}
	return "note"
}

func sarifInvocationOf(ds diag.Diagnostics) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: !ds.HasErrors()}
	for _, d := range ds {
		text := d.Summary
		if d.Detail != "" {
			text += ": " + d.Detail
		}
		n := sarifNotification{Level: sarifLevel(diagLevel(d.Severity)), Message: sarifText{Text: text}}
		if pl := physicalLocation(d.Range); pl != nil {
			n.Locations = []sarifLocation{{PhysicalLocation: pl}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	return inv
}

func sarifResultOf(f finding.Finding, ruleIndex int, v *view, root string) sarifResult {
	res := sarifResult{
		RuleID:              f.RuleID,
		RuleIndex:           ruleIndex,
		Level:               sarifLevel(string(f.Severity)),
		PartialFingerprints: map[string]string{fingerprint.Key: fingerprint.Of(f, root)},
	}
	primary := sarifLocation{PhysicalLocation: physicalLocation(f.Range)}
	if f.Address != "" {
		primary.LogicalLocations = []sarifLogical{{FullyQualifiedName: f.Address, Kind: "resource"}}
	}
	res.Locations = []sarifLocation{primary}

	// Related entities, then the module calls, as related locations; the
	// message links to each, which is how code scanning shows them.
	var links []string
	add := func(name string, loc sarifLocation) {
		id := len(res.RelatedLocations) + 1
		loc.ID = &id
		res.RelatedLocations = append(res.RelatedLocations, loc)
		links = append(links, fmt.Sprintf("[%s](%d)", escapeLinkText(name), id))
	}
	for _, rel := range f.Related {
		name := firstNonEmpty(rel.Address, rel.Entity, "related resource")
		loc := sarifLocation{
			PhysicalLocation: physicalLocation(rel.Range),
			Message:          &sarifText{Text: strings.TrimSuffix(name+": "+rel.Message, ": ")},
		}
		if rel.Address != "" {
			loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: rel.Address, Kind: "resource"}}
		}
		add(name, loc)
	}
	var calls []string
	for _, fr := range f.CallChain {
		loc := sarifLocation{
			PhysicalLocation: physicalLocation(fr.Range),
			Message:          &sarifText{Text: "module call: " + fr.Address},
			LogicalLocations: []sarifLogical{{FullyQualifiedName: fr.Address, Kind: "module"}},
		}
		before := len(links)
		add(fr.Address, loc)
		calls = append(calls, links[before])
		links = links[:before]
	}

	msg := firstNonEmpty(f.Message, v.byID[f.RuleID].Title, f.RuleID)
	if len(links)+len(calls) > 0 {
		msg = escapeLinkText(msg)
		if !strings.HasSuffix(msg, ".") {
			msg += "."
		}
		if len(links) > 0 {
			msg += " Related: " + strings.Join(links, ", ") + "."
		}
		if len(calls) > 0 {
			msg += " Via " + strings.Join(calls, " > ") + "."
		}
	}
	res.Message = sarifText{Text: msg}

	props := map[string]string{}
	if f.Entity != "" {
		props["entity"] = f.Entity
	}
	if f.Attribute != "" {
		props["attribute"] = f.Attribute
	}
	if len(props) > 0 {
		res.Properties = props
	}
	return res
}

// escapeLinkText escapes square brackets in text that goes into a message
// with embedded links ("[name](1)"), so that literal brackets (Terraform
// instance keys, this["a"]) are not taken for links (SARIF §3.11.6). Messages
// without links are left as written.
func escapeLinkText(s string) string { return linkTextEscaper.Replace(s) }

var linkTextEscaper = strings.NewReplacer(`[`, `\[`, `]`, `\]`) // immutable

// physicalLocation maps a range onto SARIF; nil when it names no file, since
// an empty uri makes code scanning reject the whole result.
func physicalLocation(rng model.Range) *sarifPhysical {
	if rng.File == "" {
		return nil
	}
	pl := &sarifPhysical{ArtifactLocation: artifactLocation(rng.File)}
	if rng.Start.Line < 1 {
		return pl // the whole file
	}
	reg := &sarifRegion{StartLine: rng.Start.Line}
	if rng.Start.Column >= 1 {
		reg.StartColumn = rng.Start.Column
	}
	switch {
	case rng.End.Line > rng.Start.Line:
		reg.EndLine = rng.End.Line
		if rng.End.Column >= 1 {
			reg.EndColumn = rng.End.Column
		}
	case rng.End.Line == rng.Start.Line && reg.StartColumn > 0 && rng.End.Column > rng.Start.Column:
		reg.EndLine = rng.End.Line
		reg.EndColumn = rng.End.Column
	}
	pl.Region = reg
	return pl
}

// artifactLocation turns a report path (relative to the root, possibly with
// OS separators) into a relative URI on %SRCROOT%, or a file: URI when the
// path is absolute (a module outside the root).
func artifactLocation(file string) sarifArtifactLocation {
	if isAbsPath(file) {
		return sarifArtifactLocation{URI: fileURI(file, false)}
	}
	p := path.Clean(strings.ReplaceAll(file, `\`, "/"))
	return sarifArtifactLocation{URI: (&url.URL{Path: p}).String(), URIBaseID: srcRoot}
}

// rootLocation describes %SRCROOT%: the root as a file: URI when it is an
// absolute path, otherwise only in words, because originalUriBaseIds entries
// must be absolute URIs.
func rootLocation(root string) sarifArtifactLocation {
	if isAbsPath(root) {
		return sarifArtifactLocation{URI: fileURI(root, true)}
	}
	text := "The folder lattice-lint was run on"
	if root != "" {
		text += ": " + root
	}
	return sarifArtifactLocation{Description: &sarifText{Text: text}}
}

func isAbsPath(p string) bool {
	return filepath.IsAbs(p) || strings.HasPrefix(p, "/") || (len(p) > 2 && p[1] == ':' && (p[2] == '/' || p[2] == '\\'))
}

func fileURI(p string, dir bool) string {
	p = strings.ReplaceAll(p, `\`, "/")
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x -> /C:/x
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
