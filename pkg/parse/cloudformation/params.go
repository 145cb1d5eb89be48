package cloudformation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/lattice-lint/lattice-lint/pkg/safefile"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// ReadParams reads a parameter file in one of the forms the AWS CLI accepts:
//
//	[{"ParameterKey": "Env", "ParameterValue": "prod"}, …]   (create-stack --parameters)
//	{"Parameters": {"Env": "prod"}}                          (deploy --parameter-overrides file)
//	{"Env": "prod"}
//
// Numbers and booleans are taken as their text, lists are joined with commas
// (CommaDelimitedList parameters).
//
// read reads the file (nil: a regular file of at most settings.DefaultMaxFileSize bytes).
func ReadParams(path string, read func(string) ([]byte, error)) (map[string]string, error) {
	if read == nil {
		read = func(p string) ([]byte, error) { return safefile.ReadFile(p, settings.DefaultMaxFileSize) }
	}
	b, err := read(path)
	if err != nil {
		return nil, fmt.Errorf("cfn params: %w", err)
	}
	b = bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
	out := map[string]string{}
	if len(b) > 0 && b[0] == '[' {
		var list []struct {
			ParameterKey     string          `json:"ParameterKey"`
			ParameterValue   json.RawMessage `json:"ParameterValue"`
			UsePreviousValue bool            `json:"UsePreviousValue"`
		}
		if err := json.Unmarshal(b, &list); err != nil {
			return nil, fmt.Errorf("cfn params %s: %w", path, err)
		}
		for i, p := range list {
			if p.ParameterKey == "" {
				return nil, fmt.Errorf("cfn params %s: item %d has no ParameterKey", path, i)
			}
			if p.UsePreviousValue || p.ParameterValue == nil {
				continue // the deployed value is unknown here
			}
			s, err := paramText(p.ParameterValue)
			if err != nil {
				return nil, fmt.Errorf("cfn params %s: %s: %w", path, p.ParameterKey, err)
			}
			out[p.ParameterKey] = s
		}
		return out, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return nil, fmt.Errorf("cfn params %s: %w", path, err)
	}
	if inner, ok := obj["Parameters"]; ok && len(obj) <= 3 && bytes.HasPrefix(bytes.TrimSpace(inner), []byte("{")) {
		// The deploy file form also allows "Tags" and "StackPolicy" beside "Parameters".
		obj = nil
		if err := json.Unmarshal(inner, &obj); err != nil {
			return nil, fmt.Errorf("cfn params %s: Parameters: %w", path, err)
		}
	}
	for k, raw := range obj {
		s, err := paramText(raw)
		if err != nil {
			return nil, fmt.Errorf("cfn params %s: %s: %w", path, k, err)
		}
		out[k] = s
	}
	return out, nil
}

func paramText(raw json.RawMessage) (string, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", err
	}
	switch x := v.(type) {
	case string:
		return x, nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	case []any:
		s := ""
		for i, it := range x {
			t, err := paramText(mustJSON(it))
			if err != nil {
				return "", err
			}
			if i > 0 {
				s += ","
			}
			s += t
		}
		return s, nil
	}
	return "", fmt.Errorf("value must be a string, number, boolean or list, got %s", string(raw))
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}
