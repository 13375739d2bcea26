#!/usr/bin/env bash
# `npm test`: sets up and runs every test — typecheck, lint, build, unit and integration tests (vitest),
# end-to-end tests (Playwright + Debian's Chromium in browser mode, and Electron when its binary is
# present) — and ends with one line "N passed, N failed, N skipped".
# On a fresh Debian machine (as root) it installs the system packages the tests need; elsewhere it says
# what is missing. With CI=true a missing component fails the run instead of skipping.
set -uo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v git >/dev/null 2>&1 || need_packages+=(git)
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${need_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null \
      || echo "WARNING: apt-get could not install ${need_packages[*]}"
  else
    echo "WARNING: missing ${need_packages[*]}: install them (Debian: apt-get install ${need_packages[*]}); tests that need them will be skipped (or fail with CI=true)."
  fi
fi

exec node scripts/run-tests.mjs "$@"
