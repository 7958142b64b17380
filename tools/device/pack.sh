#!/usr/bin/env bash
# Packs what a lent GPU machine needs to run m3di into .device/ (git-ignored): it has no Node.js,
# no package registry and maybe no Vulkan loader. Run from the project root after `npm ci` and
# `npm run build`, then call the device tool with carry [".device"] and a command such as
#   bash .device/on-device.sh bash tools/device/gpu-bench.sh
# The working tree and .device/ together must stay under 64 MiB.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
[ -f dist/bench/throughput.js ] || { echo "dist/ is missing: run npm ci && npm run build first" >&2; exit 1; }
rm -rf .device && mkdir -p .device/debs

# Node.js itself (about 25 MB compressed).
xz -T2 -9 -c "$(readlink -f "$(command -v node)")" > .device/node.xz

# Runtime packages only: no compiler, type packages or test runner, and only the Linux x86-64
# build of Dawn's Node bindings (the package ships five platforms, 130 MB).
tar -cJf .device/node_modules.tar.xz \
  --exclude='node_modules/typescript' --exclude='node_modules/@types' --exclude='node_modules/@webgpu' \
  --exclude='node_modules/undici-types' --exclude='node_modules/uvu' \
  --exclude='node_modules/webgpu/dist/darwin-*' --exclude='node_modules/webgpu/dist/win32-*' \
  --exclude='node_modules/webgpu/dist/linux-arm64' \
  node_modules
tar -cJf .device/dist.tar.xz dist

# Debian's Vulkan and EGL loaders, in case the machine has none.
lists=/tmp/amd64-lists
mkdir -p "$lists/partial"
opts="-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=$lists"
apt-get $opts update -qq >/dev/null
(cd .device/debs && apt-get $opts download -qq libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 >/dev/null)

cp tools/device/on-device.sh .device/
du -sh .device
echo "packed .device/; call the device tool with carry [\".device\"]"
