#!/usr/bin/env bash
# Installs the ArcGIS Maps SDK for JavaScript (@arcgis/core) from npm for rest-server's real-client test, which
# runs Esri's own geoprocessor client in Node against a gpjobs server on 127.0.0.1.
#
#   bash .ci/arcgis-js.sh install   # npm install @arcgis/core --ignore-scripts into .ci/arcgis-js (skipped when
#                                   # the pinned version is already there)
#   bash .ci/arcgis-js.sh path      # prints the node_modules folder the test resolves @arcgis/core from
#
# The install is about 390 MB and is never committed (.ci/arcgis-js/ is ignored).
set -euo pipefail

ARCGIS_CORE_VERSION=5.1.25
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$ROOT/.ci/arcgis-js"
PKG="$PREFIX/node_modules/@arcgis/core/package.json"

log() { echo "arcgis-js.sh: $*" >&2; }

installed_version() {
  [[ -f "$PKG" ]] && node -p "require(process.argv[1]).version" "$PKG" 2>/dev/null || true
}

cmd_install() {
  command -v npm >/dev/null || { log "npm is not installed (Node.js 20+ is needed for the real-client test)"; exit 1; }
  if [[ "$(installed_version)" == "$ARCGIS_CORE_VERSION" ]]; then
    log "@arcgis/core $ARCGIS_CORE_VERSION already installed in $PREFIX"
    return 0
  fi
  mkdir -p "$PREFIX"
  # A package.json of its own keeps npm from walking up to another project's.
  [[ -f "$PREFIX/package.json" ]] || echo '{"name":"gpjobs-arcgis-js","private":true,"type":"module"}' >"$PREFIX/package.json"
  log "installing @arcgis/core@$ARCGIS_CORE_VERSION into $PREFIX"
  # --ignore-scripts: no install script runs (nothing is downloaded beyond the npm packages themselves).
  npm install --prefix "$PREFIX" "@arcgis/core@$ARCGIS_CORE_VERSION" --ignore-scripts --save-exact \
    --no-audit --no-fund --loglevel=error
  [[ "$(installed_version)" == "$ARCGIS_CORE_VERSION" ]] || { log "npm install finished but $PKG is missing or not $ARCGIS_CORE_VERSION"; exit 1; }
  log "installed @arcgis/core $ARCGIS_CORE_VERSION"
}

cmd_path() {
  [[ "$(installed_version)" == "$ARCGIS_CORE_VERSION" ]] || { log "@arcgis/core is not installed: run 'bash .ci/arcgis-js.sh install'"; exit 1; }
  echo "$PREFIX/node_modules"
}

case "${1:-}" in
  install) cmd_install ;;
  path) cmd_path ;;
  *) echo "usage: bash .ci/arcgis-js.sh install|path" >&2; exit 2 ;;
esac
