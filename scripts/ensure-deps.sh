#!/usr/bin/env bash
# Installs whatever is missing for `npm start` / `npm test`: node modules, Java (for
# DynamoDB Local) and Chromium (for the browser tests). Quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[36m[setup]\033[0m %s\n' "$*"; }

apt_updated=0
apt_install() {
  if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null; then
    say "please install: $* (needs root)"; exit 1
  fi
  local SUDO=""; [ "$(id -u)" != "0" ] && SUDO="sudo"
  if [ $apt_updated = 0 ]; then say "apt-get update"; $SUDO apt-get update -q; apt_updated=1; fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$@"
}

# 1. node modules (again whenever package.json changed since the last install)
if [ ! -f node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
  say "installing node modules (npm install)…"
  npm install --no-audit --no-fund --loglevel=error
  touch node_modules/.package-lock.json
else
  say "node modules: up to date"
fi

# 2. Java ≥ 11 for Amazon DynamoDB Local
if ! command -v java >/dev/null 2>&1; then
  say "Java not found: installing openjdk-17-jre-headless for DynamoDB Local…"
  apt_install openjdk-17-jre-headless
else
  say "java: $(java -version 2>&1 | head -1)"
fi

# 3. Chromium for the headless browser tests (Debian's build; no browser downloads here)
if [ "${HUIYUAN_SKIP_CHROMIUM:-0}" != "1" ]; then
  if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
    say "Chromium not found: installing Debian's chromium…"
    apt_install chromium
  else
    say "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  fi
  # A CJK font, so screenshots of the Chinese UI show text rather than boxes.
  if ! fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
    apt_install fonts-wqy-microhei
  fi
fi
