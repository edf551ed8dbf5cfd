#!/usr/bin/env bash
# `npm test`: every test, in the order that fails fastest. Stops at the first failing step and says which.
set -euo pipefail
cd "$(dirname "$0")/.."

step() {
  local name=$1
  shift
  echo
  echo "==> ${name}"
  if ! "$@"; then
    echo
    echo "npm test: FAILED at step \"${name}\" (command: $*)" >&2
    exit 1
  fi
}

step "browser, ffmpeg and ImageMagick for end-to-end tests" bash scripts/ensure-test-tools.sh
step "typecheck" npm run --silent typecheck
step "dependency rules" npm run --silent check:deps
step "lint" npm run --silent lint
step "format check" npm run --silent format:check
step "unit tests" npm run --silent test:unit
step "build" npm run --silent build
step "editor page without tfjs" node --import tsx scripts/check-main-chunk.ts
step "end-to-end tests" npm run --silent test:e2e
echo
echo "npm test: all steps passed"
