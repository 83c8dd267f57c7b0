# fanzha — the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DB ?= data/fanzha.db
LISTEN ?= 127.0.0.1:8080
WEB_SOURCES := $(shell find web/src web/public web/index.html web/vite.config.ts web/tsconfig.json -type f 2>/dev/null)

.PHONY: all deps build server web run test test-unit test-api test-asan test-browser test-fuzz fuzz bench format clean

all: build

deps:
	@bash scripts/install-deps.sh

# Unity builds (8 sources per compiler run) halve the build on 2 cores: the JSON and
# Beast templates are instantiated once per batch instead of once per file.
UNITY := -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8

build/build.ninja: CMakeLists.txt
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(UNITY)

server: deps build/build.ninja
	ninja -C build -j $(JOBS)

web/dist/index.html: web/package-lock.json $(WEB_SOURCES)
	cd web && npm run build --silent

web: deps web/dist/index.html

build: server web

# Serves the demo county (created on first run) on http://$(LISTEN).
run: build
	@mkdir -p $(dir $(DB))
	@if [ ! -f $(DB) ]; then \
	  build/fanzha demo --db $(DB) > $(DB).accounts.tsv && chmod 600 $(DB).accounts.tsv; \
	fi
	@if [ -f $(DB).accounts.tsv ]; then \
	  echo "演示账号 (role / username / password):"; \
	  awk -F'\t' '{ printf "  %-10s %-12s %s\n", $$1, $$2, $$3 }' $(DB).accounts.tsv; \
	fi
	build/fanzha serve --db $(DB) --listen $(LISTEN)

test: build test-unit test-api test-asan test-browser test-fuzz
	@echo "all tests passed"

test-unit: server
	build/tests/unit_tests --gtest_brief=1

test-api: server
	build/tests/api_tests --gtest_brief=1

# Unit and API tests again, built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFANZHA_SANITIZE=ON -DFANZHA_BENCH=OFF $(UNITY)
	ninja -C build-asan -j $(JOBS) fanzha unit_tests api_tests
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 build-asan/tests/unit_tests --gtest_brief=1
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 build-asan/tests/api_tests --gtest_brief=1

# The checker's libFuzzer target (clang, ASan + UBSan) for a bounded time; `make fuzz`
# runs it for FUZZ_SECONDS (default 600).
FUZZ_SECONDS ?= 600
test-fuzz: deps
	bash scripts/fuzz-checker.sh 60

fuzz: deps
	bash scripts/fuzz-checker.sh $(FUZZ_SECONDS)

test-browser: build
	cd web && npm run test:e2e

bench: build
	ninja -C build -j $(JOBS) bench_org bench_login bench_coverage bench_app bench_checker checker_quality
	bash bench/run.sh

format:
	find src tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build build-asan build-fuzz web/dist
