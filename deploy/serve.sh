#!/usr/bin/env bash
# Start the dashboard for hosting behind deploy/Caddyfile. The same command serves under systemd, in the Docker
# image and in tests/hosting. Hosted settings are passed as flags, so no config file on the machine can loosen them.
#
#   ATLAS_PUBLIC_URL   the address people open (required), e.g. https://atlas.example.org
#   ATLAS_BIND         address Streamlit listens on (default 127.0.0.1: only the proxy reaches it)
#   ATLAS_PORT         its port (default 8501)
#   ATLAS_COOKIE_SECRET  signs Streamlit's cookies (required for login; same value on every replica)
#   ATLAS_OIDC_*       optional login: see docs/hosting.md ("Sign-in")
#   BORDER_ATLAS_DATA, BORDER_ATLAS_MEMORY_LIMIT  data folder and DuckDB memory cap (see docs/hosting.md)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ATLAS_PUBLIC_URL:?set ATLAS_PUBLIC_URL to the address people open, e.g. https://atlas.example.org}"
PY=${PYTHON:-.venv/bin/python}
public_host=${ATLAS_PUBLIC_URL#*://}
public_host=${public_host%%/*}
public_host=${public_host%%:*}

args=(
  --server.address "${ATLAS_BIND:-127.0.0.1}" --server.port "${ATLAS_PORT:-8501}"
  --server.headless true --global.developmentMode false
  --server.enableXsrfProtection true --server.xsrfCookieSameSite strict
  --server.enableCORS true --server.corsAllowedOrigins "${ATLAS_PUBLIC_URL%/}"
  --server.allowedHosts "$public_host"
  --server.maxUploadSize 10 --server.maxMessageSize 50
  --server.fileWatcherType none --server.runOnSave false
  --runner.postScriptGC false
  --server.enableStaticServing true
  --browser.gatherUsageStats false --browser.serverAddress "$public_host"
  --client.showErrorDetails none --client.toolbarMode viewer
)
if [ -n "${ATLAS_COOKIE_SECRET:-}" ]; then
  export STREAMLIT_SERVER_COOKIE_SECRET="$ATLAS_COOKIE_SECRET"  # Streamlit refuses secrets as command-line flags
fi
# Sign-in: the OIDC settings come from the environment and are written to a private secrets file for this run.
if [ -n "${ATLAS_OIDC_METADATA_URL:-}" ]; then
  secrets_dir=${RUNTIME_DIRECTORY:-$(mktemp -d)}
  (umask 077 && "$PY" -m ui.auth > "$secrets_dir/secrets.toml")
  args+=(--secrets.files "$secrets_dir/secrets.toml")
fi
# Two malloc arenas, not glibc's 8 per core: every rerun runs in a thread of its own, and per-thread arenas left the
# process 25 % bigger after 50 sessions had closed (11 % with two; docs/benchmarks.md, "Hosted load").
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# runner.postScriptGC off: a full garbage collection after every rerun took a fifth of the server's CPU under load
# (docs/benchmarks.md, "Hosted load"); Python's own generational collector still runs.
exec "$PY" -m streamlit run app.py "${args[@]}"
