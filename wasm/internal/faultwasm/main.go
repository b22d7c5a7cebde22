//go:build js && wasm

// Command faultwasm is the translator with two faults wired in, for the end-to-end
// tests only: it is never part of the served assets. It serves the same boundary as
// the real WebAssembly main (wasm/PROTOCOL.md), but its date parser — a function the
// translator calls in the middle of translating an identify or group call — fails on
// purpose for two magic strings:
//
//   - PanicDate panics inside the translator, so a test can see that the engine
//     recovers the panic for that one call and keeps serving the next ones;
//   - ExitDate makes the Go program exit, so a test can see that the browser glue
//     notices a dead runtime, stops forwarding and warns once.
//
// Keeping the faults in a separate program, rather than a request the real module
// would understand, leaves the production translator without any way to be crashed
// on purpose.
package main

import (
	"os"
	"syscall/js"

	"ramendest/wasm/engine"
	"ramendest/wasm/fastpath"
)

// The created-at values that trigger the faults, e.g.
// analytics.identify('u', {createdAt: 'ramen-fault:panic'}).
const (
	PanicDate = "ramen-fault:panic"
	ExitDate  = "ramen-fault:exit"
)

// exitCode is what the Go program exits with on ExitDate; the glue's warning names it.
const exitCode = 3

func main() {
	host := js.Global().Get("__ramenWasm")
	if host.Type() != js.TypeObject {
		return
	}
	date := js.Global().Get("Date")
	e := &engine.Engine{
		ParseDate: func(s string) (float64, bool) {
			switch s {
			case PanicDate:
				panic("forced panic for the fault-injection test (" + s + ")")
			case ExitDate:
				os.Exit(exitCode)
			}
			ms := date.Call("parse", s).Float()
			return ms, ms == ms
		},
	}
	call := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return engine.BadRequest("__ramenWasm.call takes exactly one argument, the request as a JSON string.")
		}
		return e.Handle(args[0].String())
	})
	host.Set("call", call)
	fastpath.Serve(e.Handle) // the faults reach the glue through the same fast path
	if host.Get("ready").Type() == js.TypeFunction {
		host.Call("ready")
	}
	select {}
}
