#!/usr/bin/env bash
# Runs before `npm test` (npm's pretest): tests/docs drives Debian's Chromium, never a downloaded
# browser, so install it from Debian when it is missing. Needs root (as in CI) or sudo.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
echo "pretest: installing Debian's chromium for tests/docs" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
