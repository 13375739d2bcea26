#!/usr/bin/env bash
# `npm test`: sets up and runs every test — typecheck, lint, build, unit and integration tests (vitest,
# against real git, SQLite, a Docker engine and docker-registry), end-to-end tests (Playwright + Debian's
# Chromium in browser mode, and Electron when its binary is present) — and ends with one line
# "N passed, N failed, N skipped".
# On a fresh Debian machine (as root) it installs the system packages the tests need and starts the
# Docker engine on loopback, and stops it at the end; elsewhere it says what is missing. With CI=true a
# missing component fails the run instead of skipping.
set -uo pipefail
cd "$(dirname "$0")/.."

# command → Debian package that provides it
declare -A provides=(
  [git]=git
  [chromium]=chromium
  [dockerd]=docker.io
  [docker]=docker.io
  [docker-registry]=docker-registry
  [htpasswd]=apache2-utils
  [openssl]=openssl
  [prometheus]=prometheus
  [python3]=python3
)
need_packages=()
for command in "${!provides[@]}"; do
  command -v "$command" >/dev/null 2>&1 || need_packages+=("${provides[$command]}")
done
[ -x /bin/busybox ] || need_packages+=(busybox-static)
# nginx lives in /usr/sbin, often not on a user's PATH
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_packages+=(nginx)
# SciPy gives the statistics tests their reference values.
python3 -c 'import scipy' >/dev/null 2>&1 || need_packages+=(python3-scipy)
if [ ${#need_packages[@]} -gt 0 ]; then
  mapfile -t need_packages < <(printf '%s\n' "${need_packages[@]}" | sort -u)
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${need_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null \
      || echo "WARNING: apt-get could not install ${need_packages[*]}"
    # The package starts the system nginx on port 80; the tests run their own on free ports.
    if printf '%s\n' "${need_packages[@]}" | grep -qx nginx; then service nginx stop >/dev/null 2>&1 || true; fi
    # Likewise the system Prometheus: the tests run their own on free ports.
    if printf '%s\n' "${need_packages[@]}" | grep -qx prometheus; then service prometheus stop >/dev/null 2>&1 || true; fi
  else
    echo "WARNING: missing ${need_packages[*]}: install them (Debian: apt-get install ${need_packages[*]}); tests that need them will be skipped (or fail with CI=true)."
  fi
fi

# The Docker engine (loopback only; started here only when none answers, and then stopped at the end).
# An engine that answered before this run (started by hand, by another checkout, Docker Desktop) is left running.
engine_was_running=false
docker info >/dev/null 2>&1 && engine_was_running=true
if bash scripts/services/docker.sh start; then
  if [ "$engine_was_running" = false ]; then trap 'bash scripts/services/docker.sh stop' EXIT; fi
else
  echo "WARNING: no Docker engine: the Docker tests will be skipped (or fail with CI=true)."
fi

node scripts/run-tests.mjs "$@"
status=$?
exit "$status"
