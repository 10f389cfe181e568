# Sourced by .ci/run (bash, set -euo pipefail). Starts a private Docker engine for
# the sandbox tests and builds their local images. The engine never touches the
# host firewall or network: --iptables=false --ip6tables=false --bridge=none, and
# its own data root, exec root, pidfile and socket.
nimbus_docker_root=${NIMBUS_DOCKER_ROOT:-/var/lib/nimbus-docker}
mkdir -p "$nimbus_docker_root/data" "$nimbus_docker_root/exec"
nimbus_docker_sock="$nimbus_docker_root/docker.sock"
export DOCKER_HOST="unix://$nimbus_docker_sock"

if docker version >/dev/null 2>&1; then
  echo "ci: docker engine already answering at $DOCKER_HOST"
else
  rm -f "$nimbus_docker_sock" "$nimbus_docker_root/dockerd.pid"
  dockerd --host "$DOCKER_HOST" \
    --data-root "$nimbus_docker_root/data" --exec-root "$nimbus_docker_root/exec" \
    --pidfile "$nimbus_docker_root/dockerd.pid" \
    --iptables=false --ip6tables=false --bridge=none \
    >"$nimbus_docker_root/dockerd.log" 2>&1 &
  nimbus_dockerd_pid=$!
  CLEANUP+=("kill $nimbus_dockerd_pid 2>/dev/null; for _ in \$(seq 100); do kill -0 $nimbus_dockerd_pid 2>/dev/null || break; sleep 0.1; done")
  for _ in $(seq 300); do
    docker version >/dev/null 2>&1 && break
    kill -0 "$nimbus_dockerd_pid" 2>/dev/null || { cat "$nimbus_docker_root/dockerd.log" >&2; echo "ci: dockerd exited" >&2; exit 1; }
    sleep 0.1
  done
  docker version >/dev/null 2>&1 || { tail -n 30 "$nimbus_docker_root/dockerd.log" >&2; echo "ci: dockerd did not answer in 30 s" >&2; exit 1; }
  echo "ci: dockerd $nimbus_dockerd_pid answering at $DOCKER_HOST"
fi

bash sandbox/images/build-images.sh
