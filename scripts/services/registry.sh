#!/usr/bin/env bash
# Debian's docker-registry (distribution 2.8) on 127.0.0.1 for CI and end-to-end tests.
#
#   scripts/services/registry.sh start  <dir> <port>   # idempotent: already running on that port → exit 0
#   scripts/services/registry.sh stop   <dir>  [port]  # idempotent: not running → exit 0
#   scripts/services/registry.sh status <dir>  [port]  # exit 0 when it answers, 1 when not
#
# Storage, config, log and pid live in <dir>. Deletes are enabled (pruning deletes by digest). It binds
# 127.0.0.1 only. With REGISTRY_HTPASSWD_FILE=<file> (lines from `htpasswd -Bbn user password`) it asks
# for Basic auth; otherwise it is open, which is safe only because nothing off this machine can reach it.
set -euo pipefail

usage() {
  echo "usage: $0 start <dir> <port> | stop <dir> | status <dir>" >&2
  exit 2
}

command=${1:-}
dir=${2:-}
port=${3:-}
[ -n "$command" ] && [ -n "$dir" ] || usage
pid_file="$dir/registry.pid"
log_file="$dir/registry.log"
config_file="$dir/config.yml"

running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid=$(cat "$pid_file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# GET /v2/ over bash's /dev/tcp (no curl needed); any HTTP answer means the registry is up.
answers() {
  local target_port=$1 status_line
  { exec 3<>"/dev/tcp/127.0.0.1/$target_port"; } 2>/dev/null || return 1
  printf 'GET /v2/ HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$target_port" >&3
  IFS= read -r -t 2 status_line <&3 || status_line=''
  exec 3<&- 3>&-
  [[ "$status_line" == HTTP/* ]]
}

recorded_port() {
  sed -n 's/.*"addr": *"127\.0\.0\.1:\([0-9]*\)".*/\1/p' "$config_file" 2>/dev/null | head -n 1
}

case "$command" in
  start)
    [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || usage
    command -v docker-registry >/dev/null || { echo "docker-registry is not installed (apt-get install docker-registry)" >&2; exit 1; }
    mkdir -p "$dir/data"
    if pid=$(running_pid); then
      if [ "$(recorded_port)" = "$port" ] && answers "$port"; then
        echo "registry already running on 127.0.0.1:$port (pid $pid)"
        exit 0
      fi
      echo "a registry from $dir is already running (pid $pid) on port $(recorded_port); stop it first" >&2
      exit 1
    fi
    if answers "$port"; then
      echo "something else already answers on 127.0.0.1:$port; choose another port" >&2
      exit 1
    fi
    auth=''
    if [ -n "${REGISTRY_HTPASSWD_FILE:-}" ]; then
      [ -f "$REGISTRY_HTPASSWD_FILE" ] || { echo "REGISTRY_HTPASSWD_FILE $REGISTRY_HTPASSWD_FILE does not exist" >&2; exit 1; }
      auth=$(printf ', "auth": {"htpasswd": {"realm": "shipdeck", "path": "%s"}}' "$(cd "$(dirname "$REGISTRY_HTPASSWD_FILE")" && pwd)/$(basename "$REGISTRY_HTPASSWD_FILE")")
    fi
    abs_dir=$(cd "$dir" && pwd)
    secret=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
    # JSON is YAML: docker-registry reads this as its config.
    cat >"$config_file" <<JSON
{"version": "0.1",
 "log": {"level": "warn", "accesslog": {"disabled": true}},
 "storage": {"filesystem": {"rootdirectory": "$abs_dir/data"}, "delete": {"enabled": true}},
 "http": {"addr": "127.0.0.1:$port", "secret": "$secret"}$auth}
JSON
    nohup docker-registry serve "$config_file" >>"$log_file" 2>&1 </dev/null &
    echo $! >"$pid_file"
    for _ in $(seq 1 100); do
      if answers "$port"; then
        echo "registry running on 127.0.0.1:$port (pid $(cat "$pid_file")), data in $abs_dir/data"
        exit 0
      fi
      if ! running_pid >/dev/null; then break; fi
      sleep 0.1
    done
    echo "the registry did not start; last lines of $log_file:" >&2
    tail -n 20 "$log_file" >&2 || true
    if pid=$(running_pid); then kill "$pid" 2>/dev/null || true; fi
    rm -f "$pid_file"
    exit 1
    ;;
  stop)
    if ! pid=$(running_pid); then
      rm -f "$pid_file"
      echo "registry in $dir is not running"
      exit 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$pid_file"
    echo "registry in $dir stopped (pid $pid)"
    ;;
  status)
    if pid=$(running_pid) && answers "$(recorded_port)"; then
      echo "registry running on 127.0.0.1:$(recorded_port) (pid $pid)"
      exit 0
    fi
    echo "registry in $dir is not running"
    exit 1
    ;;
  *)
    usage
    ;;
esac
