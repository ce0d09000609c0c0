#!/usr/bin/env bash
# The tests use a real Prometheus (Debian's `prometheus`, with `promtool`), a real
# VictoriaMetrics (`victoria-metrics`), a real nginx (`nginx`, with the shipped config) and a
# real browser (`chromium`). Install them when missing and we may (root); otherwise say how.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }

missing=()
have prometheus && have promtool || missing+=(prometheus)
have victoria-metrics || missing+=(victoria-metrics)
have nginx || missing+=(nginx)
have chromium || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get (needed by the integration and end-to-end tests)…"
  export DEBIAN_FRONTEND=noninteractive
  # The tests start their own servers on free ports; the packages' services must not start
  # (nginx would take port 80, victoria-metrics 8428). A policy-rc.d that refuses is Debian's
  # way to say so; one already there is left as it is.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "The tests need ${missing[*]}. Install with:" >&2
echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
