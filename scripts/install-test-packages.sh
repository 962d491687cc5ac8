#!/usr/bin/env bash
# Installs from Debian what the tests start and a clean machine may lack: chromium (the browser
# tests) and redis-server. Only .ci/run calls it, or you, explicitly; `npm test` never installs
# anything. Needs root or sudo, and apt-get (Debian, Ubuntu).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "install-test-packages: no apt-get here; install ${missing[*]} yourself (or set CHROMIUM_PATH)" >&2
  exit 1
fi
echo "install-test-packages: installing ${missing[*]} from Debian" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
