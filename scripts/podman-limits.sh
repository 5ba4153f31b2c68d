# shellcheck shell=bash
# Sourced by scripts that run containers with Podman as root (scripts/test-env.sh,
# scripts/try-several-nodes.sh).
#
# Without CAP_SYS_RESOURCE no process may raise a hard limit above its own, and Podman's
# defaults for root containers (nofile 1048576, nproc max) can be higher than the
# machine's: every container would fail with "error setting rlimit type 7: operation not
# permitted". podman_limits_conf DIR writes DIR/containers.conf with what this machine
# allows as the containers' defaults, exports CONTAINERS_CONF to it, and sets $nofile and
# $nproc to the limits chosen.
podman_limits_conf() {
  local dir=$1 pid_max
  nofile=$(ulimit -Hn)
  nproc=$(ulimit -Hu)
  pid_max=$(cat /proc/sys/kernel/pid_max)
  if [ "$nofile" = unlimited ]; then nofile=1048576; fi
  if [ "$nproc" = unlimited ] || [ "$nproc" -gt "$pid_max" ]; then nproc=$pid_max; fi
  cat >"$dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
CONF
  export CONTAINERS_CONF="$dir/containers.conf"
}
