#!/usr/bin/env bash
# `npm run test:glance`: the suites that need a real Glance v2 (Debian 12 `python3-glance`, as in
# ../shared/reference/GLANCE.md). Installs it when missing (as root), starts it with glance-up.sh
# on 127.0.0.1 on a free port in a temporary folder, runs the suites with GLANCE_URL, and stops it
# at the end, also on failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tooling/glance

need=()
[ -d /usr/lib/python3/dist-packages/glance ] || need+=(python3-glance)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v bc >/dev/null 2>&1 || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "test:glance needs ${need[*]} from Debian: run it as root to install them, or apt-get install them" >&2
    exit 1
  fi
  echo "test:glance: installing ${need[*]} (python3-glance takes about 3.5 min the first time)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null
fi

GLANCE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/glance-test.XXXXXX")
export GLANCE_DIR
trap 'bash "$here/glance-down.sh"' EXIT
trap 'exit 130' INT TERM

free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
# Another program may take the free port before Glance binds it: then try another one.
for attempt in 1 2 3; do
  GLANCE_PORT=$(free_port)
  export GLANCE_PORT
  if bash "$here/glance-up.sh"; then break; fi
  [ "$attempt" = 3 ] && exit 1
  bash "$here/glance-down.sh"
done
export GLANCE_URL="http://127.0.0.1:$GLANCE_PORT"

status=0
for package in glance-store mock-server; do
  echo "test:glance: $package against $GLANCE_URL"
  (cd "packages/$package" && npx vitest run --config vitest.glance.config.ts) || status=1
done
exit $status
