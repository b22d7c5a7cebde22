//go:build js && wasm

// Command wasm is the Ramen translator compiled to WebAssembly. It is the only code
// that touches syscall/js: it registers __ramenWasm.call, which hands each request
// string to package engine and returns the answer string (wasm/PROTOCOL.md), serves
// the same engine through the exported fast path (package fastpath), then tells the
// glue it is ready and waits for calls forever.
package main

import (
	"syscall/js"

	"ramendest/wasm/engine"
	"ramendest/wasm/fastpath"
)

func main() {
	host := js.Global().Get("__ramenWasm")
	if host.Type() != js.TypeObject {
		return // not started by the glue: nothing to serve
	}
	date := js.Global().Get("Date")
	e := &engine.Engine{
		// Strings only a JavaScript engine reads the way analytics.js did go to the
		// browser's own Date.parse.
		ParseDate: func(s string) (float64, bool) {
			ms := date.Call("parse", s).Float()
			return ms, ms == ms // NaN: not a date
		},
	}
	call := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return engine.BadRequest("__ramenWasm.call takes exactly one argument, the request as a JSON string.")
		}
		return e.Handle(args[0].String())
	})
	host.Set("call", call)
	fastpath.Serve(e.Handle) // the same engine behind the exported fast path
	if host.Get("ready").Type() == js.TypeFunction {
		host.Call("ready")
	}
	select {} // serve calls until the page goes away
}
