package cloudformation

import "gopkg.in/yaml.v3"

// The node budget (spend) bounds how many values evaluation visits, but a
// visit can build a string as long as all its arguments: Fn::Join over YAML
// aliases of Fn::Join doubles a string per level in a handful of nodes. The
// functions that build strings (Fn::Join, Fn::Sub, Fn::Base64,
// Fn::ToJsonString) charge their result to settings.Limits.Values: one value,
// the template, the run. Past a budget, the template's evaluation stops, as
// for the node budget.

// charge takes n bytes of a string fn is about to build; false means the
// string must not be built (the error is reported, evaluation stopped).
func (t *template) charge(at *yaml.Node, fn string, n int64) bool {
	b := t.run.opts.Values
	switch {
	case n > b.Value.Bytes:
		t.errorf(at, "%s: the result would be larger than %d bytes (the budget of one value); evaluation stopped", fn, b.Value.Bytes)
	case t.bytes+n > b.File.Bytes:
		t.errorf(at, "%s: the strings built from this template pass %d bytes (its value budget); evaluation stopped", fn, b.File.Bytes)
	case t.run.bytes+n > b.Run.Bytes:
		t.errorf(at, "%s: the strings built in this run pass %d bytes (its value budget); evaluation stopped", fn, b.Run.Bytes)
	default:
		t.bytes += n
		t.run.bytes += n
		return true
	}
	t.exhausted = true
	return false
}
