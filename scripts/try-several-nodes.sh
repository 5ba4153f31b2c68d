#!/usr/bin/env bash
# Runs examples/several-nodes/compose.yaml for real and checks what README's "Several
# nodes" says of it:
#
#   1. `compose up --build`: PostgreSQL and two teiki nodes built from this checkout;
#   2. both nodes answer, and /_teiki/health on each lists node1 and node2 live;
#   3. a rule created through node1 is described through node2, log events put through
#      node1 are read through node2;
#   4. one-time schedules fall due just after node1 is killed: node2's health says node1
#      is dead, and node2 fires every one of them once, node1's share included;
#   5. node1 started again joins as a new incarnation;
#
# then `compose down -v`. It prints each step and how long it took; any failure stops it
# with the services' logs, and the exit status is not 0.
#
#   scripts/try-several-nodes.sh
#
# The compose tool is `docker compose` when there is one, else `podman-compose` (Debian's
# podman-compose package; TEIKI_COMPOSE overrides, e.g. TEIKI_COMPOSE=podman-compose).
# The host ports are free ones, not 4566/4567 (TEIKI_NODE1_PORT, TEIKI_NODE2_PORT set
# them). Base images the engine lacks are pulled; with Podman on a machine that reaches no
# container registry, offline stand-ins are built from Debian instead
# (scripts/several-nodes/stand-in-images.sh, as root). Needs node and the AWS CLI on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

COMPOSE_FILE=examples/several-nodes/compose.yaml
PROJECT=teiki-try-several-nodes
BASE_IMAGES=(node:20-bookworm-slim postgres:16)
ACCOUNT=000000000000
REGION=us-east-1

started=$(date +%s)
step_started=$started
say() { echo "try-several-nodes: $*" >&2; }
step() {
  local now
  now=$(date +%s)
  say "[$((now - started)) s, step took $((now - step_started)) s] $*"
  step_started=$now
}
fail() {
  echo "try-several-nodes: FAILED: $*" >&2
  exit 1
}

# --- tools -------------------------------------------------------------------------------
command -v node >/dev/null 2>&1 || fail "node is not on PATH"
command -v aws >/dev/null 2>&1 || fail "the AWS CLI (aws) is not on PATH"
command -v curl >/dev/null 2>&1 || fail "curl is not on PATH"
if [ -n "${TEIKI_COMPOSE:-}" ]; then
  read -r -a compose_tool <<<"$TEIKI_COMPOSE"
elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  compose_tool=(docker compose)
elif command -v podman-compose >/dev/null 2>&1; then
  compose_tool=(podman-compose)
else
  fail "neither 'docker compose' nor podman-compose is installed (Debian: apt-get install podman-compose)"
fi
case "${compose_tool[0]}" in
podman-compose) engine=podman ;;
*) engine=docker ;;
esac
command -v "$engine" >/dev/null 2>&1 || fail "$engine is not on PATH"
compose() { "${compose_tool[@]}" -p "$PROJECT" -f "$COMPOSE_FILE" "$@"; }
say "compose tool: ${compose_tool[*]} ($engine)"
# With Podman, containers get the limits this machine allows (scripts/podman-limits.sh)
# unless the caller chose an engine configuration of their own.
limits_dir=
if [ "$engine" = podman ] && [ -z "${CONTAINERS_CONF:-}" ]; then
  . scripts/podman-limits.sh
  limits_dir=$(mktemp -d /tmp/teiki-try-several-nodes.XXXXXX)
  podman_limits_conf "$limits_dir"
  say "containers' limits: nofile $nofile, nproc $nproc ($CONTAINERS_CONF)"
fi

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
export TEIKI_NODE1_PORT=${TEIKI_NODE1_PORT:-$(free_port)}
export TEIKI_NODE2_PORT=${TEIKI_NODE2_PORT:-$(free_port)}
NODE1=http://127.0.0.1:$TEIKI_NODE1_PORT
NODE2=http://127.0.0.1:$TEIKI_NODE2_PORT
say "node1 on $NODE1, node2 on $NODE2"

# The AWS CLI talks to teiki with test credentials, whatever the caller's environment has.
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=$REGION AWS_REGION=$REGION
export AWS_PAGER='' AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
aws1() { aws --endpoint-url "$NODE1" --output json "$@"; }
aws2() { aws --endpoint-url "$NODE2" --output json "$@"; }

# json EXPRESSION: reads a JSON document on stdin and prints EXPRESSION of it (`d` is the
# document; strings print bare, anything else as JSON).
json() {
  node -e '
    let text = "";
    process.stdin.on("data", (c) => (text += c)).on("end", () => {
      const d = JSON.parse(text);
      const value = new Function("d", `return (${process.argv[1]});`)(d);
      console.log(typeof value === "string" ? value : JSON.stringify(value));
    });' "$1"
}

# until_ok SECONDS WHAT COMMAND...: runs COMMAND every half second until it succeeds.
until_ok() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$(($(date +%s) + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$what (not within $seconds s)"
    sleep 0.5
  done
}

# The nodes /_teiki/health on URL lists, as "node1:live node2:live".
node_states() {
  curl -sf --max-time 5 "$1/_teiki/health" |
    json 'd.nodes.map((n) => n.nodeId + ":" + n.state).sort().join(" ")'
}
states_are() { [ "$(node_states "$1")" = "$2" ]; }

container_of() {
  "$engine" ps -q --filter "label=com.docker.compose.project=$PROJECT" \
    --filter "label=com.docker.compose.service=$1"
}

# --- cleanup -----------------------------------------------------------------------------
finished=false
cleanup() {
  local status=$?
  if [ "$status" != 0 ] && ! $finished; then
    for service in postgres node1 node2; do
      id=$("$engine" ps -aq --filter "label=com.docker.compose.project=$PROJECT" \
        --filter "label=com.docker.compose.service=$service" 2>/dev/null | head -n 1 || true)
      if [ -n "$id" ]; then
        echo "----- logs of $service (last 30 lines)" >&2
        "$engine" logs --tail 30 "$id" >&2 2>&1 || true
      fi
    done
  fi
  say "compose down -v"
  compose down -v >/dev/null 2>&1 || say "compose down failed; remove the $PROJECT containers and volumes by hand"
  # podman-compose 1.0.3 leaves the project's network behind; docker compose removes it.
  if [ "${compose_tool[0]}" = podman-compose ]; then
    podman network rm "${PROJECT}_default" >/dev/null 2>&1 || true
  fi
  if [ -n "$limits_dir" ]; then rm -rf "$limits_dir"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 0. base images ----------------------------------------------------------------------
for image in "${BASE_IMAGES[@]}"; do
  if "$engine" image inspect "$image" >/dev/null 2>&1; then continue; fi
  say "the engine lacks $image: pulling it"
  if "$engine" pull -q "$image" >/dev/null 2>&1; then continue; fi
  [ "$engine" = podman ] || fail "cannot pull $image"
  say "cannot pull $image: building offline stand-ins from Debian"
  scripts/several-nodes/stand-in-images.sh || fail "could not build the stand-in base images"
done
step "base images: ${BASE_IMAGES[*]}"

# --- 1. up -------------------------------------------------------------------------------
compose down -v >/dev/null 2>&1 || true
compose up -d --build >"${TMPDIR:-/tmp}/$PROJECT-up.log" 2>&1 ||
  { tail -n 40 "${TMPDIR:-/tmp}/$PROJECT-up.log" >&2; fail "compose up"; }
# podman-compose answers 0 even when a build or a container failed: look.
for service in postgres node1 node2; do
  [ -n "$(container_of "$service")" ] ||
    { tail -n 40 "${TMPDIR:-/tmp}/$PROJECT-up.log" >&2; fail "$service is not running after compose up"; }
done
step "compose up --build: postgres, node1 and node2 are running"

# --- 2. both nodes answer, and each sees both ---------------------------------------------
until_ok 120 "node1 and node2 both live in node1's /_teiki/health" states_are "$NODE1" "node1:live node2:live"
until_ok 30 "node1 and node2 both live in node2's /_teiki/health" states_are "$NODE2" "node1:live node2:live"
for url in "$NODE1" "$NODE2"; do
  identity=$(aws --endpoint-url "$url" --output text sts get-caller-identity --query Account)
  [ "$identity" = "$ACCOUNT" ] || fail "sts get-caller-identity on $url answered '$identity'"
done
step "both nodes answer; /_teiki/health on each: $(node_states "$NODE1")"

# --- 3. one state --------------------------------------------------------------------------
aws1 events put-rule --name tick --schedule-expression 'rate(1 minute)' >/dev/null
expression=$(aws2 events describe-rule --name tick | json d.ScheduleExpression)
[ "$expression" = 'rate(1 minute)' ] || fail "node2 describes the rule node1 created as '$expression'"
aws1 logs create-log-group --log-group-name /several-nodes
aws1 logs create-log-stream --log-group-name /several-nodes --log-stream-name by-node1
now_ms=$(node -p 'Date.now()')
aws1 logs put-log-events --log-group-name /several-nodes --log-stream-name by-node1 \
  --log-events "timestamp=$now_ms,message=written through node1" >/dev/null
message=$(aws2 logs get-log-events --log-group-name /several-nodes --log-stream-name by-node1 |
  json 'd.events.map((e) => e.message).join("|")')
[ "$message" = 'written through node1' ] || fail "node2 reads node1's log events as '$message'"
step "a rule and log events written through node1 are read through node2"

# --- 4. node1 dies, node2 takes over ------------------------------------------------------
# A role the scheduler may assume, and one-time schedules due a few seconds after the kill,
# whose target is the log group.
aws1 iam create-role --role-name several-nodes-scheduler --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"scheduler.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
aws1 iam put-role-policy --role-name several-nodes-scheduler --policy-name logs \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}'
role_arn=arn:aws:iam::$ACCOUNT:role/several-nodes-scheduler
log_group_arn=arn:aws:logs:$REGION:$ACCOUNT:log-group:/several-nodes
schedules=(once-0 once-1 once-2 once-3 once-4 once-5 once-6 once-7)
# Which of them node1 owns while both live: the nodes' own rendezvous hashing, asked of the
# image's build (dist/engine/cluster/ownership.js).
runners=$(curl -sf "$NODE1/_teiki/health" | json 'd.nodes.filter((n) => n.state === "live").map((n) => n.runnerId).sort().join(",")')
node1_runner=$(curl -sf "$NODE1/_teiki/health" | json 'd.nodes.find((n) => n.nodeId === "node1").runnerId')
node2_runner=$(curl -sf "$NODE2/_teiki/health" | json 'd.nodes.find((n) => n.nodeId === "node2").runnerId')
node1_share=$("$engine" exec "$(container_of node2)" node --input-type=module -e '
  import { ownerOf } from "/teiki/dist/engine/cluster/ownership.js";
  const [account, region, runners, mine, ...names] = process.argv.slice(1);
  const view = runners.split(",");
  console.log(names.filter((n) => ownerOf(view, `schedule|${account}|${region}|default|${n}`) === mine).join(" "));
' "$ACCOUNT" "$REGION" "$runners" "$node1_runner" "${schedules[@]}")
[ -n "$node1_share" ] || fail "none of ${schedules[*]} is node1's to fire (view $runners): the takeover would not be tried"
# Due 30 s from now, created all at once (the AWS CLI takes a second a call): a schedule
# created after its instant would never fire, and node1 must die before it.
due_ms=$(node -p 'Math.ceil((Date.now() + 30000) / 1000) * 1000')
due=$(node -p "new Date($due_ms).toISOString().slice(0, 19)")
pids=()
for name in "${schedules[@]}"; do
  aws1 scheduler create-schedule --name "$name" --schedule-expression "at($due)" \
    --flexible-time-window Mode=OFF --target "Arn=$log_group_arn,RoleArn=$role_arn" >/dev/null &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || fail "create-schedule failed"; done
margin_ms=$((due_ms - $(node -p 'Date.now()')))
[ "$margin_ms" -gt 2000 ] ||
  fail "creating the schedules took until ${margin_ms} ms before they fall due: this machine is too busy to try the takeover now"
step "8 one-time schedules due at ${due}Z (in ${margin_ms} ms); node1 ($node1_runner) owns: $node1_share"

killed_ms=$(node -p 'Date.now()')
"$engine" kill "$(container_of node1)" >/dev/null
until_ok 30 "node2's /_teiki/health says node1 is dead" states_are "$NODE2" "node1:dead node2:live"
dead_ms=$(node -p 'Date.now()')
step "killed node1 ($engine kill): node2's health says node1 dead after $((dead_ms - killed_ms)) ms"

invocations_settled() {
  curl -sf "$NODE2/_teiki/invocations?limit=100" | json '
    (() => {
      const once = d.invocations.filter((i) => i.name.startsWith("once-"));
      return once.length >= 8 && once.every((i) => i.outcome !== "pending") ? "yes" : "no";
    })()' | grep -qx yes
}
until_ok 90 "the 8 schedules' invocations, settled, in node2's /_teiki/invocations" invocations_settled
report=$(curl -sf "$NODE2/_teiki/invocations?limit=100" | json '
  d.invocations.filter((i) => i.name.startsWith("once-"))
   .map((i) => [i.name, i.runnerId, i.outcome, Date.parse(i.invokedTime) - Date.parse(i.scheduledTime)].join(" "))
   .sort().join("\n")')
while IFS= read -r line; do echo "  $line" >&2; done <<<"$report"
fired_names=$(echo "$report" | cut -d' ' -f1 | sort | uniq | wc -l)
if [ "$(echo "$report" | wc -l)" != 8 ] || [ "$fired_names" != 8 ]; then
  fail "expected each of the 8 schedules fired once, got the invocations above"
fi
others=$(echo "$report" | awk -v r="$node2_runner" '$2 != r || $3 != "delivered"')
[ -z "$others" ] || fail "not all were delivered by node2 ($node2_runner): $others"
step "node2 ($node2_runner) fired and delivered all 8 schedules once each, node1's share ($node1_share) included"
events=$(aws2 logs filter-log-events --log-group-name /several-nodes | json 'd.events.length')
[ "$events" -ge 9 ] || fail "the log group holds $events events, not node1's one and the 8 schedules' ones"

# --- 5. node1 comes back ------------------------------------------------------------------
compose start node1 >/dev/null 2>&1 || fail "compose start node1"
until_ok 60 "node1 live again in node2's /_teiki/health" states_are "$NODE2" "node1:live node2:live"
new_runner=$(curl -sf "$NODE2/_teiki/health" | json 'd.nodes.find((n) => n.nodeId === "node1").runnerId')
[ "$new_runner" != "$node1_runner" ] || fail "node1 came back as the same incarnation $new_runner"
step "node1 started again: live as $new_runner (was $node1_runner)"

finished=true
say "all checks passed in $(($(date +%s) - started)) s"
