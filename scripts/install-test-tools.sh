#!/usr/bin/env bash
# Install the Debian packages the test suite needs, but only those whose tool is missing,
# so a second run does nothing and takes no time.
#   jing                  RELAX NG validator for the TEI files (edition/tei/validate.py)
#   chromium              headless browser for the site tests
#   default-jre-headless  Java, which jing runs on (jing's own dependency pulls in a JRE too)
# Runs as root, or through sudo when not root.
set -euo pipefail

packages=()
command -v jing >/dev/null 2>&1 || packages+=(jing)
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)

if [ "${#packages[@]}" -eq 0 ]; then
  echo "install-test-tools: jing, chromium and java are already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-test-tools: need root or sudo to install: ${packages[*]}" >&2
  exit 1
fi

echo "install-test-tools: installing ${packages[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -o DPkg::Lock::Timeout=300 "${packages[@]}"
