#!/usr/bin/env bash
# The tests use a real Prometheus (Debian's `prometheus`, with `promtool`) and a real browser
# (Debian's `chromium`). Install them when missing and we may (root); otherwise say how.
set -euo pipefail

missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v promtool >/dev/null 2>&1 || { [[ " ${missing[*]-} " == *" prometheus "* ]] || missing+=(prometheus); }
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get (needed by the integration and end-to-end tests)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "The tests need ${missing[*]}. Install with:" >&2
echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
