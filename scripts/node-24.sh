#!/usr/bin/env bash
# scripts/node-24.sh DIR: puts the newest Node 24 binary into DIR/bin/node and prints its path. It comes from the
# npm registry (package node-<os>-<arch>, the binary `npx node@24` runs), because these machines reach npm and
# apt but not nodejs.org or Docker Hub. Used by .ci/run (the tests on Node 24) and container-host.sh (the base
# image). npm's cache keeps the tarball, so a second run downloads nothing but the version list.
set -euo pipefail

dir=${1:?usage: scripts/node-24.sh DIR}
case $(uname -m) in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *)
    echo "node-24.sh: no Node 24 package for $(uname -m)" >&2
    exit 1
    ;;
esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')

mkdir -p "$dir/bin"
tarball=$(npm pack --silent --pack-destination "$dir" "node-$os-$arch@24")
tar -xzf "$dir/$tarball" -C "$dir/bin" --strip-components=2 package/bin/node
rm -f "$dir/$tarball"
version=$("$dir/bin/node" --version)
[[ $version == v24.* ]] || {
  echo "node-24.sh: node-$os-$arch@24 holds node $version" >&2
  exit 1
}
echo "$dir/bin/node"
