#!/bin/sh
# Stands in for the web app that shares the cluster with the scheduled job (the optional
# ECS service, `run_service = true`): it logs that it started and runs until ECS stops
# it, logging that too.
set -eu

ts() { date -u '+%Y-%m-%d %H:%M:%S'; }

trap 'echo "$(ts) [INFO] web stopping"; exit 0' TERM
echo "$(ts) [INFO] web started"
while true; do sleep 1; done
