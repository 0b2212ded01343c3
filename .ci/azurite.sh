#!/usr/bin/env bash
# Installs, starts and stops the Azurite storage emulator (blob, queue and table) for the integration tests.
#
#   bash .ci/azurite.sh install   # npm install azurite (skipped when the pinned version is already there)
#   bash .ci/azurite.sh start     # start on free loopback ports, in memory; writes .ci/.azurite.env
#   bash .ci/azurite.sh status    # prints the env file when Azurite is running (exit 1 otherwise)
#   bash .ci/azurite.sh stop      # stops the instance started by 'start', by its PID
#
# Azurite always runs bound to 127.0.0.1 with --silent --disableTelemetry --skipApiVersionCheck --loose.
# The env file holds GPJOBS_AZURITE_CONNECTION_STRING, the ports and the PID; the *IT tests of store-azure read it.
set -euo pipefail

AZURITE_VERSION=3.37.0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$ROOT/.ci/azurite"
BIN="$PREFIX/node_modules/.bin/azurite"
ENV_FILE="$ROOT/.ci/.azurite.env"
LOG_FILE="$ROOT/.ci/.azurite.log"
START_TIMEOUT_S=${AZURITE_START_TIMEOUT_S:-60}
STOP_TIMEOUT_S=${AZURITE_STOP_TIMEOUT_S:-15}
ACCOUNT_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

log() { echo "azurite.sh: $*" >&2; }

installed_version() {
  local pkg="$PREFIX/node_modules/azurite/package.json"
  [[ -f "$pkg" ]] && node -p "require(process.argv[1]).version" "$pkg" 2>/dev/null || true
}

cmd_install() {
  command -v npm >/dev/null || { log "npm is not installed (Node.js 20+ is needed for Azurite)"; exit 1; }
  if [[ -x "$BIN" && "$(installed_version)" == "$AZURITE_VERSION" ]]; then
    log "Azurite $AZURITE_VERSION already installed in $PREFIX"
    return 0
  fi
  mkdir -p "$PREFIX"
  log "installing azurite@$AZURITE_VERSION into $PREFIX"
  # EBADENGINE warnings (Azurite asks for Node >= 22) are expected on Node 20; it runs fine there.
  npm install --prefix "$PREFIX" "azurite@$AZURITE_VERSION" --no-audit --no-fund --loglevel=error
  [[ -x "$BIN" ]] || { log "npm install finished but $BIN is missing"; exit 1; }
}

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

env_pid() { [[ -f "$ENV_FILE" ]] && sed -n 's/^AZURITE_PID=//p' "$ENV_FILE" || true; }

# Three distinct free TCP ports on 127.0.0.1, chosen by the kernel.
free_ports() {
  node -e '
    const net = require("net"); const servers = []; const ports = [];
    const next = () => {
      if (servers.length === 3) { console.log(ports.join(" ")); servers.forEach(s => s.close()); return; }
      const s = net.createServer(); servers.push(s);
      s.listen(0, "127.0.0.1", () => { ports.push(s.address().port); next(); });
    };
    next();'
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cmd_start() {
  local pid
  pid="$(env_pid)"
  if pid_alive "$pid"; then
    log "Azurite already running (PID $pid); see $ENV_FILE"
    return 0
  fi
  [[ -x "$BIN" ]] || { log "Azurite is not installed: run 'bash .ci/azurite.sh install' first"; exit 1; }
  local ports blob queue table
  ports="$(free_ports)"
  read -r blob queue table <<<"$ports"
  : >"$LOG_FILE"
  # setsid: own process group, so the emulator outlives this script and is stopped only by 'stop'.
  setsid "$BIN" --silent --inMemoryPersistence --extentMemoryLimit 1024 \
    --skipApiVersionCheck --loose --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort "$blob" \
    --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" \
    </dev/null >>"$LOG_FILE" 2>&1 &
  pid=$!
  local deadline=$((SECONDS + START_TIMEOUT_S))
  until port_open "$blob" && port_open "$queue" && port_open "$table"; do
    if ! pid_alive "$pid"; then
      log "Azurite exited during startup; its output:"; cat "$LOG_FILE" >&2; exit 1
    fi
    if ((SECONDS >= deadline)); then
      log "Azurite did not accept connections within ${START_TIMEOUT_S}s; stopping it"
      kill "$pid" 2>/dev/null || true; cat "$LOG_FILE" >&2; exit 1
    fi
    sleep 0.2
  done
  local cs="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  umask 077
  cat >"$ENV_FILE" <<EOF
AZURITE_PID=$pid
AZURITE_BLOB_PORT=$blob
AZURITE_QUEUE_PORT=$queue
AZURITE_TABLE_PORT=$table
GPJOBS_AZURITE_CONNECTION_STRING=$cs
EOF
  log "Azurite started (PID $pid): blob 127.0.0.1:$blob, queue 127.0.0.1:$queue, table 127.0.0.1:$table; settings in $ENV_FILE"
}

cmd_status() {
  local pid
  pid="$(env_pid)"
  if pid_alive "$pid"; then cat "$ENV_FILE"; else log "Azurite is not running"; exit 1; fi
}

cmd_stop() {
  local pid
  pid="$(env_pid)"
  if ! pid_alive "$pid"; then
    log "Azurite is not running"
    rm -f "$ENV_FILE"
    return 0
  fi
  kill -TERM "$pid"
  local deadline=$((SECONDS + STOP_TIMEOUT_S))
  while pid_alive "$pid"; do
    if ((SECONDS >= deadline)); then
      log "Azurite (PID $pid) did not stop within ${STOP_TIMEOUT_S}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$ENV_FILE"
  log "Azurite (PID $pid) stopped"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  *) echo "usage: bash .ci/azurite.sh install|start|status|stop" >&2; exit 2 ;;
esac
