#!/usr/bin/env bash
# Install what the browser end-to-end tests need; idempotent and quick when all is there.
#   - Debian `chromium` (headless browser, /usr/bin/chromium) and a Java runtime for vnu.jar
#   - npm packages axe-core and vnu-jar into .tools/ (git-ignored) at the repo root
#   - Playwright for Python into the project's venv (the driver only: Chromium comes from apt)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$here/.tools"
python="${PYTHON:-$here/.venv/bin/python}"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ "${#need_apt[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "install-browser-tools: installing ${need_apt[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
    --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -f "$tools/node_modules/axe-core/axe.min.js" ] || \
   [ ! -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"private": true}' > "$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --silent axe-core@4 vnu-jar@24 >/dev/null
fi

# Playwright belongs in the test extras of pyproject.toml; this only covers a venv made
# before it was added. Without a venv yet, `pip install -e '.[test]'` brings it later.
if [ -x "$python" ] && ! "$python" -c "import playwright" >/dev/null 2>&1; then
  "$python" -m pip install --quiet --disable-pip-version-check "playwright>=1.45,<2"
fi
echo "install-browser-tools: chromium, java, axe-core and vnu-jar (in .tools/) are ready"
