# The one entry point: `make run` serves the demo, `make test` runs every test.
# Each target installs what it needs on a fresh machine.

GO       ?= go
ADDR     ?= 127.0.0.1:8080
CONFIG   ?=
DIST     := server/assets/dist
SERVER   := bin/ramen-server
CHROMIUM ?= chromium

.PHONY: all run build assets server test unit e2e vet deps-test chromium bench fuzz clean

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
test: deps-test assets vet
	$(GO) test -count=1 -timeout 30m ./...

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
