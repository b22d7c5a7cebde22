# The one entry point: `make run` serves the demo, `make test` runs every test.
# Each target installs what it needs on a fresh machine.

GO       ?= go
ADDR     ?= 127.0.0.1:8080
CONFIG   ?=
DIST     := server/assets/dist
SERVER   := bin/ramen-server
CHROMIUM ?= chromium

.PHONY: all run build assets server test vet deps-test chromium bench fuzz clean load wrk sri nginx-bench

all: build

## run: build everything and serve the demo on $(ADDR) (open http://$(ADDR)/)
run: build
	./$(SERVER) -addr $(ADDR) $(if $(CONFIG),-config $(CONFIG))

## build: the WASM translator, the JS bundle and snippet (esbuild), then the server binary
build: assets server

assets:
	$(GO) run ./web/cmd/webbuild -out $(DIST)

server: assets
	$(GO) build -trimpath -o $(SERVER) ./server

## test: install what the tests need, then unit and end-to-end tests (headless Chromium)
# The e2e suite builds its own assets unless told where they are; here they were
# just built from this tree, so it reuses them instead of building them twice.
test: deps-test assets vet
	E2E_ASSETS=$(CURDIR)/$(DIST) $(GO) test -count=1 -timeout 30m ./...

vet: assets
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/...

deps-test: chromium e2e/node_modules/.package-lock.json

# The real @segment/analytics-next, pinned by e2e/package-lock.json, for the e2e suite.
e2e/node_modules/.package-lock.json: e2e/package.json e2e/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
		else echo "npm is missing: run  sudo apt-get install -y nodejs npm"; exit 1; fi; }
	cd e2e && npm ci --no-audit --no-fund --loglevel=error

# Chromium comes from Debian's package; as root we install it, otherwise we say how.
chromium:
	@if ! command -v $(CHROMIUM) >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing chromium (apt-get)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "chromium is missing: run  sudo apt-get update && sudo apt-get install -y chromium"; exit 1; \
		fi; \
	fi

clean:
	rm -rf bin
	find $(DIST) -type f ! -name .keep -delete

# --- Reliability: fuzzing, load with config reloads, integrity values ---

FUZZTIME ?= 2m
# package:target for every fuzz target; `go test` runs their seed corpora
# (testdata/fuzz) as regular tests, `make fuzz` explores for FUZZTIME each.
FUZZ_TARGETS := wasm/jsonv:FuzzParse wasm/analytics:FuzzSessionCall wasm/translate:FuzzTranslate \
	wasm/engine:FuzzEngineHandle server/config:FuzzParse

## fuzz: run every fuzz target for $(FUZZTIME) each; prints executions and crashes per target
fuzz:
	@total=0; crashes=0; \
	for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t##*:}; log=$$(mktemp); \
		if $(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) ./$$pkg >$$log 2>&1; then c=0; else c=1; fi; \
		execs=$$(sed -n 's/.*execs: \([0-9]*\).*/\1/p' $$log | tail -1); execs=$${execs:-0}; \
		printf '%-34s %12s executions  %d crashes\n' "$$pkg $$fn" $$execs $$c; \
		if [ $$c != 0 ]; then sed 's/^/    /' $$log | tail -25; fi; \
		total=$$((total + execs)); crashes=$$((crashes + c)); rm -f $$log; \
	done; \
	echo "fuzz: $(FUZZTIME) per target: $$total executions, $$crashes crashes"; \
	[ $$crashes = 0 ]

LOADTIME  ?= 30s
LOADCONNS ?= 64

## load: wrk for $(LOADTIME) at $(LOADCONNS) connections while the config is reloaded every second (valid/invalid)
load: server wrk
	$(GO) run ./server/internal/loadfault -server ./$(SERVER) -duration $(LOADTIME) -connections $(LOADCONNS)

# wrk comes from Debian's package; as root we install it, otherwise we say how.
wrk:
	@if ! command -v wrk >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing wrk (apt-get)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else \
			echo "wrk is missing: run  sudo apt-get update && sudo apt-get install -y wrk"; exit 1; \
		fi; \
	fi

## sri: print the Subresource Integrity values of the built bundle and WASM module (every snippet carries them too)
sri: assets
	@command -v openssl >/dev/null 2>&1 || { echo "openssl is missing: run  sudo apt-get install -y openssl"; exit 1; }
	@for f in $$(sed -n 's/^ *"\(bundle\|wasm\)": *"\([^"]*\)".*/\2/p' $(DIST)/manifest.json); do \
		printf '%-24s sha384-%s\n' "$$f" "$$(openssl dgst -sha384 -binary $(DIST)/$$f | openssl base64 -A)"; \
	done

# --- Performance: sizes, Chromium timings, Go benchmarks, server vs nginx ---

BENCH_REPORT ?= e2e/bench/REPORT.md
BENCH_FLAGS  ?=

## bench: measure the page cost, the translator and the server against nginx; writes $(BENCH_REPORT)
bench: build chromium wrk nginx-bench
	$(GO) run ./e2e/bench -dist $(DIST) -server ./$(SERVER) -out $(BENCH_REPORT) $(BENCH_FLAGS)

# nginx with the brotli_static module, from Debian's packages, for the comparison run;
# as root we install them (without starting a system nginx), otherwise we say how.
nginx-bench:
	@if ! command -v nginx >/dev/null 2>&1 || [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing nginx and libnginx-mod-http-brotli-static (apt-get)"; \
			apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-brotli-static >/dev/null; \
		else \
			echo "nginx is missing: run  sudo apt-get update && sudo apt-get install -y nginx libnginx-mod-http-brotli-static"; exit 1; \
		fi; \
	fi
