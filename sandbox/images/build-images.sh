#!/usr/bin/env bash
# Build the local images the Docker runtime and its tests use. No registry is
# needed (or reachable): each image is a root filesystem assembled from files on
# this machine and loaded with `docker import`.
#
#   nimbus/busybox:local  busybox-static (/bin/busybox + applet links), 2 MB
#   nimbus/node:local     this machine's node binary + the shared libraries it
#                         links (from ldd); runs community isolate tools when
#                         they are forced into containers (sandbox.force_docker)
#   nimbus/suid-test:local  the node image plus a set-uid-root node (tests only)
#
# Each image carries a label with a hash of its inputs; an image that is already
# up to date is not rebuilt. Needs: docker (talking to DOCKER_HOST), busybox, ldd.
set -euo pipefail

docker_bin=${DOCKER:-docker}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

current_label() { "$docker_bin" image inspect -f '{{ index .Config.Labels "nimbus.src" }}' "$1" 2>/dev/null || true; }

base_files() { # ROOT: passwd/group with root and nobody (65534), /tmp, /work
  mkdir -p "$1/etc" "$1/tmp" "$1/work" "$1/plugin" "$1/run/nimbus"
  chmod 1777 "$1/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n' >"$1/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$1/etc/group"
}

import_image() { # ROOT TAG HASH
  tar -C "$1" -cf "$work/rootfs.tar" .
  "$docker_bin" import --change "LABEL nimbus.src=$3" --change 'USER 65534:65534' --change 'WORKDIR /tmp' \
    "$work/rootfs.tar" "$2" >/dev/null
  rm -f "$work/rootfs.tar"
  echo "built $2"
}

# --- nimbus/busybox:local -------------------------------------------------
bb=$(readlink -f "$(command -v busybox)")
bb_hash=$(cat "$bb" "$0" | sha256sum | cut -c1-16)
if [ "$(current_label nimbus/busybox:local)" != "$bb_hash" ]; then
  root="$work/busybox"
  base_files "$root"
  mkdir -p "$root/bin"
  cp "$bb" "$root/bin/busybox"
  for a in $("$root/bin/busybox" --list); do [ "$a" = busybox ] || ln -s busybox "$root/bin/$a"; done
  ln -s bin "$root/sbin"
  mkdir -p "$root/usr"; ln -s ../bin "$root/usr/bin"
  import_image "$root" nimbus/busybox:local "$bb_hash"
else
  echo "nimbus/busybox:local is up to date"
fi

# --- nimbus/node:local ----------------------------------------------------
node_bin=$(readlink -f "$(command -v node)")
libs=$(ldd "$node_bin" | awk '/=>/ { print $3; next } /ld-linux/ { print $1 }' | sort -u)
node_hash=$( (cat "$node_bin" "$0"; for l in $libs; do readlink -f "$l"; done) | sha256sum | cut -c1-16)
if [ "$(current_label nimbus/node:local)" != "$node_hash" ] || [ "$(current_label nimbus/suid-test:local)" != "$node_hash" ]; then
  root="$work/node"
  base_files "$root"
  mkdir -p "$root/usr/local/bin"
  cp "$node_bin" "$root/usr/local/bin/node"
  for l in $libs; do
    mkdir -p "$root$(dirname "$l")"
    cp -L "$l" "$root$l"
  done
  # A shell is handy for debugging the image; tools never get one unless they run it.
  mkdir -p "$root/bin"; cp "$bb" "$root/bin/busybox"; ln -s busybox "$root/bin/sh"
  import_image "$root" nimbus/node:local "$node_hash"
  # Test image only: the same plus a set-uid-root node, with which the tests prove
  # that no-new-privileges keeps a container process from raising its privileges.
  cp "$node_bin" "$root/usr/local/bin/node-suid"; chmod 4755 "$root/usr/local/bin/node-suid"
  import_image "$root" nimbus/suid-test:local "$node_hash"
else
  echo "nimbus/node:local and nimbus/suid-test:local are up to date"
fi
