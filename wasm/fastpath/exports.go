//go:build wasm

package fastpath

import "unsafe"

// ramenRequest returns the address of a buffer of n bytes for the next request, or
// 0 when n is out of range.
//
//go:wasmexport ramen_request
func ramenRequest(n int32) unsafe.Pointer {
	b := Prepare(n)
	if b == nil {
		return nil
	}
	return unsafe.Pointer(unsafe.SliceData(b))
}

// ramenCall handles the request the glue wrote and returns the answer's length.
//
//go:wasmexport ramen_call
func ramenCall(n int32) int32 { return Call(n) }

// ramenAnswer returns the address of the last answer's bytes.
//
//go:wasmexport ramen_answer
func ramenAnswer() unsafe.Pointer { return unsafe.Pointer(unsafe.StringData(answer)) }
