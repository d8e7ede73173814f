#!/usr/bin/env bash
# Prepares a Debian machine without a Docker engine to build and run the image with buildah/podman
# (see CONTAINER.md in the team notes): installs the tools, writes the engine config this machine
# kind needs, and makes the local stand-in for the Dockerfile's base image (node:24-bookworm-slim),
# because Docker Hub is out of reach. Sourced by test-container.sh, which sets BASE_IMAGE from the
# Dockerfile; every step is skipped when its result already exists.
CONTAINERS_CONF=/etc/containers/containers.conf
CONF_MARKER='# written by graph-lifecycle-mock scripts/container-host.sh'

ensure_tools() {
  local tools=(buildah podman runc iptables slirp4netns newuidmap debootstrap)
  local missing=() tool
  for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if ((${#missing[@]} == 0)); then
    echo "tools present: ${tools[*]}"
    return
  fi
  echo "installing Debian packages (missing: ${missing[*]})"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends \
    buildah podman runc iptables slirp4netns uidmap debootstrap >/dev/null
}

# crun fails here ("cgroups in hybrid mode not supported") and the machine refuses to raise rlimits
# ("error setting rlimit type 7"), so runc, cgroupfs and fixed ulimits. A config someone else wrote is
# left alone; ours is rewritten so a change here reaches machines that ran an older version.
ensure_engine_config() {
  if [[ -f $CONTAINERS_CONF ]] && ! grep -qF "$CONF_MARKER" "$CONTAINERS_CONF"; then
    echo "keeping existing $CONTAINERS_CONF (not ours); it needs runtime=runc, cgroup_manager=cgroupfs"
    return
  fi
  mkdir -p "$(dirname "$CONTAINERS_CONF")"
  cat >"$CONTAINERS_CONF" <<CONF
$CONF_MARKER
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  echo "wrote $CONTAINERS_CONF"
}

# Debian's own nodejs is 18, so the base gets Node 24 from the npm registry (scripts/node-24.sh) and npm 11,
# as the official image has them. Tagged with the upstream name, it lets the Dockerfile's unmodified FROM
# resolve locally. A subshell, so its EXIT trap removes the rootfs on failure too.
ensure_base_image() (
  if podman image exists "$BASE_IMAGE"; then
    echo "base image present: $BASE_IMAGE"
    return
  fi
  if [[ $BASE_IMAGE != */node:24-* ]]; then
    echo "the stand-in base can only be made for node:24-* images (scripts/node-24.sh), not $BASE_IMAGE" >&2
    return 1
  fi
  local node_dir node_bin rootfs
  rootfs=$(mktemp -d /var/tmp/node-base-rootfs.XXXXXX)
  node_dir=$(mktemp -d)
  trap 'rm -rf "$rootfs" "$node_dir"' EXIT
  chmod 0755 "$rootfs" # it becomes the image's /, which user node must be able to traverse

  echo "debootstrap bookworm (minbase) into $rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

  node_bin=$(scripts/node-24.sh "$node_dir")
  echo "adding node $("$node_bin" --version) and npm@11"
  install -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
  npm install -g --silent --prefix "$rootfs/usr/local" npm@11
  chroot "$rootfs" groupadd --gid 1000 node
  chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  printf '#!/bin/sh\nexec "$@"\n' >"$rootfs/usr/local/bin/docker-entrypoint.sh"
  chmod 0755 "$rootfs/usr/local/bin/docker-entrypoint.sh"

  local changes=(--change 'ENTRYPOINT ["docker-entrypoint.sh"]' --change 'CMD ["node"]')
  # Registries here are reached through a TLS-inspecting proxy; without its CA, npm ci in the build
  # fails with SELF_SIGNED_CERT_IN_CHAIN.
  local extra_cas=(/usr/local/share/ca-certificates/*.crt)
  if [[ -e ${extra_cas[0]} ]]; then
    echo "adding registry CA certificates: ${extra_cas[*]}"
    mkdir -p "$rootfs/usr/local/share/ca-certificates"
    cat "${extra_cas[@]}" >"$rootfs/usr/local/share/ca-certificates/extra-cas.pem"
    changes+=(--change 'ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/extra-cas.pem')
  fi

  echo "importing $BASE_IMAGE"
  tar -C "$rootfs" -c . | podman import --quiet "${changes[@]}" - "$BASE_IMAGE" >/dev/null
)
