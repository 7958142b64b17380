#!/usr/bin/env bash
# Runs on the lent GPU machine from the project root: unpacks .device/ (made by tools/device/pack.sh),
# points the Vulkan loader at the NVIDIA driver, then runs the given command.
set -euo pipefail
cd "$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
if ! ldconfig -p | grep -q libvulkan.so.1; then
  for deb in .device/debs/*.deb; do dpkg -x "$deb" /; done
  ldconfig
fi
mkdir -p /tmp/nodebin && xz -dc .device/node.xz > /tmp/nodebin/node && chmod +x /tmp/nodebin/node
export PATH=/tmp/nodebin:$PATH
[ -d node_modules ] || tar -xJf .device/node_modules.tar.xz
[ -d dist ] || tar -xJf .device/dist.tar.xz
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
fi
# Mesh and BVH caches: empty on a fresh machine, filled by the first run of the command.
export M3DI_CACHE_DIR=${M3DI_CACHE_DIR:-/tmp/m3di-cache}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true
node --version
exec "$@"
