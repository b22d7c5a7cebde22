package jsonv

import (
	"errors"
	"strconv"
)

// Tag keys the browser glue uses for values JSON cannot carry (see wasm/PROTOCOL.md).
// The NUL prefix keeps them apart from any real key: the glue drops real keys that
// start with NUL.
const (
	TagDate      = "\x00date"
	TagFunc      = "\x00fn"
	TagUndefined = "\x00undef"
)

// maxDepth bounds nesting so hostile input cannot exhaust the (small) WebAssembly stack.
const maxDepth = 512

// ErrSyntax is wrapped by every error Parse returns.
var ErrSyntax = errors.New("jsonv: invalid JSON")

// Parse decodes one JSON text. Tagged one-key objects become Date, Func or Undefined.
func Parse(text string) (any, error) {
	p := parser{s: text}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, p.fail("unexpected data after the value")
	}
	return v, nil
}

type parser struct {
	s string
	i int
}

type syntaxError struct {
	offset int
	msg    string
}

func (e *syntaxError) Error() string {
	return "jsonv: invalid JSON at offset " + strconv.Itoa(e.offset) + ": " + e.msg
}

func (e *syntaxError) Unwrap() error { return ErrSyntax }

func (p *parser) fail(msg string) error { return &syntaxError{offset: p.i, msg: msg} }

func (p *parser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, p.fail("nested too deeply")
	}
	if p.i >= len(p.s) {
		return nil, p.fail("unexpected end of input")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.str()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case p.literal("true"):
		return true, nil
	case p.literal("false"):
		return false, nil
	case p.literal("null"):
		return nil, nil
	}
	return nil, p.fail("unexpected character")
}

func (p *parser) literal(word string) bool {
	if len(p.s)-p.i >= len(word) && p.s[p.i:p.i+len(word)] == word {
		p.i += len(word)
		return true
	}
	return false
}

func (p *parser) object(depth int) (any, error) {
	p.i++ // {
	obj := NewObject()
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return obj, nil
	}
	for {
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return nil, p.fail("expected a key")
		}
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, p.fail("expected ':'")
		}
		p.i++
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		obj.Set(key, v)
		p.space()
		if p.i >= len(p.s) {
			return nil, p.fail("unexpected end of object")
		}
		if p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.s[p.i] == '}' {
			p.i++
			return untag(obj), nil
		}
		return nil, p.fail("expected ',' or '}'")
	}
}

// untag turns the glue's one-key tag objects back into the values they stand for.
func untag(obj *Object) any {
	if obj.Len() != 1 {
		return obj
	}
	key := obj.keys[0]
	if key == "" || key[0] != 0 {
		return obj
	}
	switch key {
	case TagDate:
		if ms, ok := obj.values[key].(float64); ok {
			return Date{Ms: ms, Valid: true}
		}
		return Date{}
	case TagFunc:
		return Func{}
	case TagUndefined:
		return Undefined{}
	}
	return obj
}

func (p *parser) array(depth int) (any, error) {
	p.i++ // [
	arr := []any{}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return arr, nil
	}
	for {
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
		p.space()
		if p.i >= len(p.s) {
			return nil, p.fail("unexpected end of array")
		}
		if p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.s[p.i] == ']' {
			p.i++
			return arr, nil
		}
		return nil, p.fail("expected ',' or ']'")
	}
}
