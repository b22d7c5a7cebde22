// Package fastpath is the translator's fast boundary (wasm/PROTOCOL.md, "Fast path"):
// the glue writes a request's UTF-8 JSON straight into the module's memory and calls
// exported WebAssembly functions, instead of the js.FuncOf __ramenWasm.call.
//
// A js.FuncOf call resumes Go's scheduler through the JavaScript event machinery and
// costs about 15 µs even for an empty answer; an exported function is a plain
// WebAssembly call, under 1 µs. For a `track`, that is most of the difference between
// about 40 µs and 25 µs per call in Chromium.
//
// The exports (exports.go, WebAssembly only) are thin wrappers over Prepare, Call and
// Answer, which hold the logic and are tested natively.
package fastpath

// maxKept is the largest request buffer kept between calls; a larger one (a page that
// sent a megabyte string) is released after its call.
const maxKept = 64 << 10

// maxRequest bounds one request's size in bytes.
const maxRequest = 1 << 30

var (
	// handle answers one request; set by Serve before the glue is told it is ready.
	handle func(request string) string
	// request is the buffer the glue writes into; answer keeps the last answer alive,
	// and in place (Go's collector does not move objects), until the next call.
	request []byte
	answer  string
)

// Serve makes the exports answer with h (the engine's Handle). Before it is called,
// every call answers that the translator is not ready.
func Serve(h func(request string) string) { handle = h }

// Prepare returns a buffer of n bytes for the glue to write the next request into,
// or nil when n is out of range.
func Prepare(n int32) []byte {
	if n <= 0 || n > maxRequest {
		return nil
	}
	if cap(request) < int(n) {
		request = make([]byte, n)
	}
	request = request[:n]
	return request
}

// Call answers the request in the first n bytes of the buffer Prepare returned and
// returns the answer's length in bytes; Answer returns the answer.
func Call(n int32) int32 {
	switch {
	case handle == nil:
		answer = badRequest("The translator is not ready.")
	case n < 0 || int(n) > len(request):
		answer = badRequest("The request length is out of range.")
	default:
		answer = handle(string(request[:n]))
	}
	if cap(request) > maxKept {
		request = nil
	}
	return int32(len(answer))
}

// Answer returns the last answer.
func Answer() string { return answer }

// badRequest is the protocol's answer to a malformed request, as engine.BadRequest
// writes it (message must need no JSON escaping). It is written here so this package
// stays a thin layer with no dependencies.
func badRequest(message string) string {
	return `{"calls":[],"diagnostics":[{"code":"bad_request","level":"error","message":"` + message + `"}]}`
}
