#!/bin/sh
# Installs the npm packages pinned in package-lock.json into node_modules. The Maven build of
# interop-tests runs this script in the generate-test-resources phase, unless -DskipTests is set.
set -eu

install_hint="The interop tests need Node.js 18 or later and npm. Install them (https://nodejs.org/, or on Debian and Ubuntu: apt-get install nodejs npm) and run the build again, or skip the tests with -DskipTests."

if ! command -v node >/dev/null 2>&1; then
  echo "ERROR: node was not found on PATH. $install_hint" >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: npm was not found on PATH. $install_hint" >&2
  exit 1
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'; then
  echo "ERROR: node $(node --version) is too old. $install_hint" >&2
  exit 1
fi

exec npm ci --no-audit --no-fund --prefer-offline
