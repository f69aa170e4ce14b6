#!/usr/bin/env bash
# Development server plus the background worker (Monte Carlo runs, embeddings, e-mails, digests).
# Both stop together on Ctrl-C.
set -euo pipefail
PY=${PY:-.venv/bin/python}
export URBANFORUM_DEV=1
"$PY" -m urbanforum worker &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo "Serving on http://127.0.0.1:8000 (Ctrl-C to stop); background worker pid $worker"
"$PY" -m urbanforum dev 127.0.0.1:8000
