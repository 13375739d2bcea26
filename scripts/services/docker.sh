#!/usr/bin/env bash
# Docker engine for Shipdeck's tests: `docker.sh start` and `docker.sh stop`. Idempotent.
#
# start: uses the engine that answers `docker info`; when none does, starts Debian's dockerd the way
#        these machines need it (no bridge, no iptables: containers use the host network on 127.0.0.1),
#        waits until it answers, then makes the `busybox:1.36` base image from busybox-static when the
#        engine lacks it (nothing can be pulled here; on a user's machine the same name is pulled).
# stop:  stops dockerd only if this script started it; an engine that was already running is left alone.
#
# State (pid file, log) lives in $SHIPDECK_SERVICES_DIR/docker (default /tmp/shipdeck-services/docker).
set -euo pipefail

STATE_DIR="${SHIPDECK_SERVICES_DIR:-/tmp/shipdeck-services}/docker"
PID_FILE="$STATE_DIR/dockerd.pid"
LOG_FILE="$STATE_DIR/dockerd.log"
BASE_IMAGE="busybox:1.36"
BUSYBOX="${BUSYBOX:-/bin/busybox}"

say() { echo "docker.sh: $*"; }

engine_answers() { docker info >/dev/null 2>&1; }

started_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(ps -o comm= -p "$pid")" = "dockerd" ] && echo "$pid"
}

start_dockerd() {
  command -v dockerd >/dev/null 2>&1 || {
    say "no Docker engine answers and dockerd is not installed: install it (Debian: apt-get install docker.io) or start Docker Desktop."
    exit 1
  }
  [ "$(id -u)" = 0 ] || {
    say "no Docker engine answers; starting dockerd needs root: run this script as root, or start Docker Desktop."
    exit 1
  }
  mkdir -p "$STATE_DIR"
  say "starting dockerd (log: $LOG_FILE)"
  # A stale pid file of an engine that died would stop dockerd from starting.
  [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null && rm -f /var/run/docker.pid
  nohup dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false >"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 150); do
    engine_answers && { say "dockerd is ready (pid $(cat "$PID_FILE"))"; return 0; }
    kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break
    sleep 0.2
  done
  say "dockerd did not become ready; last lines of $LOG_FILE:"
  tail -n 20 "$LOG_FILE" >&2 || true
  rm -f "$PID_FILE"
  exit 1
}

ensure_base_image() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then return 0; fi
  [ -x "$BUSYBOX" ] || {
    say "cannot make $BASE_IMAGE: $BUSYBOX is missing (Debian: apt-get install busybox-static)."
    exit 1
  }
  say "making $BASE_IMAGE from $BUSYBOX"
  local rootfs
  rootfs="$(mktemp -d)"
  mkdir -p "$rootfs"/{bin,etc,root,tmp,usr/bin,var/www}
  chmod 1777 "$rootfs/tmp"
  cp "$BUSYBOX" "$rootfs/bin/busybox"
  for applet in $("$BUSYBOX" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
  done
  ln -sf /bin/busybox "$rootfs/usr/bin/env"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -c . \
    | docker import --change 'CMD ["sh"]' --change 'ENV PATH=/bin:/usr/bin' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
}

case "${1:-}" in
  start)
    if engine_answers; then
      say "a Docker engine answers ($(docker version --format '{{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null || echo 'version unknown'))"
    else
      start_dockerd
    fi
    ensure_base_image
    say "ready: $BASE_IMAGE present"
    ;;
  stop)
    if pid="$(started_pid)"; then
      say "stopping dockerd (pid $pid) started by this script"
      kill -TERM "$pid"
      for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
      done
      kill -0 "$pid" 2>/dev/null && { say "dockerd did not stop in 20 s; killing it"; kill -KILL "$pid"; }
      rm -f "$PID_FILE"
    else
      rm -f "$PID_FILE"
      say "no dockerd started by this script is running; nothing to stop"
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
