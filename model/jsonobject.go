package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// EachJSONField calls fn with each top-level field of a JSON object, in
// the order written: the key unquoted, the value's own bytes (compact as
// written, not copied). It is what json.Unmarshal into a map of raw values
// finds, without decoding every value: records are cut into their fields
// for every row an import encodes and every return it merges.
func EachJSONField(b []byte, fn func(key string, raw json.RawMessage)) error {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return errors.New("not a JSON object")
	}
	i := JSONSkipSpace(b, 1)
	if b[i] == '}' {
		return nil
	}
	for {
		if b[i] != '"' {
			return fmt.Errorf("JSON object: key expected at %d", i)
		}
		end, err := JSONStringEnd(b, i)
		if err != nil {
			return err
		}
		var key string
		if bytes.IndexByte(b[i:end], '\\') < 0 {
			key = string(b[i+1 : end-1])
		} else if err := json.Unmarshal(b[i:end], &key); err != nil {
			return err
		}
		i = JSONSkipSpace(b, end)
		if b[i] != ':' {
			return fmt.Errorf("JSON object: colon expected at %d", i)
		}
		start := JSONSkipSpace(b, i+1)
		i, err = JSONValueEnd(b, start)
		if err != nil {
			return err
		}
		fn(key, json.RawMessage(bytes.TrimRight(b[start:i], " \t\r\n")))
		switch b[i] {
		case ',':
			i = JSONSkipSpace(b, i+1)
		case '}':
			if i != len(b)-1 {
				return errors.New("JSON object: text after its end")
			}
			return nil
		default:
			return fmt.Errorf("JSON object: comma expected at %d", i)
		}
	}
}

// EachJSONElement calls fn with each element of a JSON array, in order: the
// element's own bytes, not copied. Like EachJSONField it checks the array's
// shape, not every value.
func EachJSONElement(b []byte, fn func(raw json.RawMessage) error) error {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return errors.New("not a JSON array")
	}
	i := JSONSkipSpace(b, 1)
	if b[i] == ']' {
		return nil
	}
	for {
		end, err := JSONValueEnd(b, i)
		if err != nil {
			return err
		}
		if err := fn(json.RawMessage(bytes.TrimRight(b[i:end], " \t\r\n"))); err != nil {
			return err
		}
		switch b[end] {
		case ',':
			i = JSONSkipSpace(b, end+1)
		case ']':
			if end != len(b)-1 {
				return errors.New("JSON array: text after its end")
			}
			return nil
		default:
			return fmt.Errorf("JSON array: comma expected at %d", end)
		}
	}
}

// JSONSkipSpace is the index of the first byte from i that is not JSON
// whitespace.
func JSONSkipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// JSONStringEnd is the index after the string starting at b[i] (a quote).
func JSONStringEnd(b []byte, i int) (int, error) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return 0, errors.New("JSON object: unterminated string")
}

// JSONValueEnd is the index of the comma, brace or bracket that ends the value
// starting at b[i], in the object or list holding it.
func JSONValueEnd(b []byte, i int) (int, error) {
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '"':
			end, err := JSONStringEnd(b, i)
			if err != nil {
				return 0, err
			}
			i = end
			continue
		case '{', '[':
			depth++
		case ']':
			if depth == 0 {
				return i, nil
			}
			depth--
		case '}':
			if depth == 0 {
				return i, nil
			}
			depth--
		case ',':
			if depth == 0 {
				return i, nil
			}
		}
		i++
	}
	return 0, errors.New("JSON object: unterminated value")
}
