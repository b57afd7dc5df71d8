#!/usr/bin/env bash
# Installs what themis4j's build and tests need on a fresh Debian/Ubuntu machine:
# JDK 17+, Maven 3.8+, Node.js 18+ with npm (for the wasm-themis interop peer), SoftHSM2 (PKCS#11 tests),
# then the peer itself.
# Idempotent: anything already present is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v javac >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then need_apt+=(openjdk-17-jdk-headless); fi
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
# psql: the CLI test that decrypts a value exactly as psql prints it (skipped without it).
command -v psql >/dev/null 2>&1 || need_apt+=(postgresql-client)
# SoftHSM2: the PKCS#11 token the envelope-key tests initialise in a private directory (issue 20).
{ [ -f /usr/lib/softhsm/libsofthsm2.so ] && command -v softhsm2-util >/dev/null 2>&1; } || need_apt+=(softhsm2)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The reference peer: the official Themis 0.15 C core compiled to WebAssembly, pinned by package-lock.json.
if [ ! -d interop/node_modules/wasm-themis ]; then
  (cd interop && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: java $(java_major), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), node $(node --version)"
