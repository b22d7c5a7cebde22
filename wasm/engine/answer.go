package engine

import (
	"strconv"

	"ramendest/wasm/diag"
	"ramendest/wasm/jsonv"
	"ramendest/wasm/translate"
)

// respond writes an answer: {"calls":[…],"state":{…},"callback":n,"diagnostics":[…]},
// state only when it changed. Calls are plain JSON (dates as ISO strings); the state
// keeps Dates as tags, since the glue hands it back in a later open.
func respond(calls []translate.Call, state *jsonv.Object, callback int, diags []diag.Diagnostic) string {
	b := []byte(`{"calls":`)
	b = append(b, translate.MarshalCalls(calls)...)
	if state != nil {
		b = append(b, `,"state":`...)
		b = append(b, jsonv.MarshalTagged(state)...)
	}
	b = append(b, `,"callback":`...)
	b = strconv.AppendInt(b, int64(callback), 10)
	b = append(b, `,"diagnostics":`...)
	b = appendDiagnostics(b, diags)
	return string(append(b, '}'))
}

// failure is the answer to a request that could not be handled at all.
func failure(code, message string) string {
	b := []byte(`{"calls":[],"diagnostics":`)
	b = appendDiagnostics(b, []diag.Diagnostic{{Code: code, Level: diag.Error, Message: message}})
	return string(append(b, '}'))
}

func appendDiagnostics(b []byte, diags []diag.Diagnostic) []byte {
	b = append(b, '[')
	for i, d := range diags {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"code":`...)
		b = jsonv.AppendString(b, d.Code)
		b = append(b, `,"level":`...)
		b = jsonv.AppendString(b, d.Level)
		b = append(b, `,"message":`...)
		b = jsonv.AppendString(b, d.Message)
		b = append(b, '}')
	}
	return append(b, ']')
}

// panicText describes a recovered panic without fmt.
func panicText(r any) string {
	switch t := r.(type) {
	case error:
		return t.Error()
	case string:
		return t
	}
	return "unexpected failure"
}

func itoa(n int) string { return strconv.Itoa(n) }

// BadRequest is the answer to a request that is not a JSON string at all (the
// WebAssembly main uses it when the glue passes something else).
func BadRequest(message string) string {
	return failure(CodeBadRequest, message)
}
