#!/usr/bin/env bash
# Installs headless Chromium from Debian's packages for the rest-server page tests (f=html in a real browser).
#
#   bash .ci/chromium.sh install   # apt-get install chromium (skipped when a chromium binary is already there)
#   bash .ci/chromium.sh path      # prints the binary the tests use (exit 1 when there is none)
#
# Browser downloads by npm packages (puppeteer, playwright) are not used: the distribution's chromium is.
# The tests find the binary through GPJOBS_CHROMIUM, else `chromium` or `chromium-browser` on the PATH, and always
# run it headless with --no-sandbox and the --disable-* flags that keep it from contacting anything but the page.
set -euo pipefail

log() { echo "chromium.sh: $*" >&2; }

find_chromium() {
  if [[ -n "${GPJOBS_CHROMIUM:-}" && -x "${GPJOBS_CHROMIUM}" ]]; then
    echo "$GPJOBS_CHROMIUM"
    return 0
  fi
  local c
  for c in chromium chromium-browser; do
    if command -v "$c" >/dev/null 2>&1; then
      command -v "$c"
      return 0
    fi
  done
  return 1
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [[ "$(id -u)" == 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    log "root rights are needed to install chromium (no sudo found): run as root, or install the 'chromium' package"
    exit 1
  fi
}

cmd_install() {
  local bin
  if bin="$(find_chromium)"; then
    log "chromium already installed: $bin ($("$bin" --version 2>/dev/null || echo 'version unknown'))"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || { log "apt-get not found: install Chromium with your package manager, or set GPJOBS_CHROMIUM"; exit 1; }
  log "installing Debian's chromium package"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
  bin="$(find_chromium)" || { log "apt-get finished but no chromium binary is on the PATH"; exit 1; }
  log "installed: $bin ($("$bin" --version 2>/dev/null || echo 'version unknown'))"
}

cmd_path() {
  find_chromium || { log "chromium is not installed: run 'bash .ci/chromium.sh install'"; exit 1; }
}

case "${1:-}" in
  install) cmd_install ;;
  path) cmd_path ;;
  *) echo "usage: bash .ci/chromium.sh install|path" >&2; exit 2 ;;
esac
