#!/usr/bin/env bash
# The hosting test drives the app through Caddy (Debian's package), as docs/hosting.md sets it up.
set -euo pipefail
if command -v caddy >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq caddy >/dev/null
# Debian's package starts a service on :80 where an init system runs; the tests start their own on loopback.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet caddy 2>/dev/null; then
  $SUDO systemctl disable --now caddy >/dev/null 2>&1 || true
fi
