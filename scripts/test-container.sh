#!/usr/bin/env bash
# npm run test:container: builds the image from the unmodified Dockerfile, runs it the way a CI service
# does and checks it from outside. Uses docker when an engine answers; otherwise buildah and podman,
# prepared by container-host.sh (needs root on Debian). Removes the container and image it made, by id;
# keeps the base image and the layer cache so the next run is fast.
set -euo pipefail
cd "$(dirname "$0")/.."

FIXTURE_ID=78b83505-6967-4168-a7ea-4921c0543ce9
SCOPE=LifecycleWorkflows.ReadWrite.All
STOP_LIMIT_MS=5000
# A tag of our own per run, so parallel runs on a shared machine never touch each other's image.
IMAGE_TAG=localhost/graph-lifecycle-mock:test-$$
# The Dockerfile's default base (e.g. node:24-bookworm-slim), and the Node major it must run.
BASE_TAG=$(sed -n 's/^ARG NODE_IMAGE=//p' Dockerfile)
BASE_IMAGE=docker.io/library/$BASE_TAG
NODE_MAJOR=$(sed -E 's/^node:([0-9]+)-.*/\1/' <<<"$BASE_TAG")
[[ $NODE_MAJOR =~ ^[0-9]+$ ]] || {
  echo "cannot read the Node major from the Dockerfile's ARG NODE_IMAGE='$BASE_TAG'" >&2
  exit 1
}

container_id=''
image_id=''
work_dir=$(mktemp -d)

step() { printf '\n==> %s\n' "$*"; }
pass() { printf '    ok: %s\n' "$*"; }
fail() {
  printf '    FAIL: %s\n' "$*" >&2
  exit 1
}

cleanup() {
  local status=$?
  if [[ -n $container_id ]]; then
    if ((status != 0)); then
      step "container log (last 40 lines)"
      "$engine" logs --tail 40 "$container_id" 2>&1 || true
    fi
    "$engine" rm -f "$container_id" >/dev/null 2>&1 || echo "warning: could not remove container $container_id" >&2
  fi
  if [[ -n $image_id ]]; then
    "$engine" rmi "$image_id" >/dev/null 2>&1 || echo "warning: could not remove image $image_id" >&2
  fi
  rm -rf "$work_dir"
  if ((status == 0)); then step "container test passed"; else step "container test FAILED"; fi
}
trap cleanup EXIT

# Reads one dotted path (a.b.0.c) of the JSON on stdin; objects print as JSON.
json_get() {
  node -e '
    let text = ""
    process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
      const value = process.argv[1].split(".").reduce((node, key) => node?.[key], JSON.parse(text))
      console.log(typeof value === "object" ? JSON.stringify(value) : String(value))
    })' "$1"
}

expect_field() {
  local file=$1 path=$2 expected=$3 actual
  actual=$(json_get "$path" <"$file")
  [[ $actual == "$expected" ]] || fail "$path is '$actual', expected '$expected'"
}

free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })'
}

now_ms() { date +%s%3N; }

# podman 4.3 logs an error for each health timer it cannot hand to systemd (absent here, and the check
# is run explicitly below); drop just those lines, keep any other stderr.
without_timer_noise() {
  local status=0
  "$@" 2>"$work_dir/stderr" || status=$?
  grep -v 'unable to get systemd connection' "$work_dir/stderr" >&2 || true
  return "$status"
}

# request METHOD PATH [curl args...]: writes the body to $work_dir/body, prints the status.
request() {
  local method=$1 path=$2
  shift 2
  curl -sS --max-time 5 -o "$work_dir/body" -w '%{http_code}' -X "$method" "$@" "$base_url$path"
}

step "choosing the engine"
if docker info >/dev/null 2>&1; then
  engine=docker
  pass "docker engine answers: docker build / docker run"
else
  engine=podman
  pass "no docker engine: buildah + podman"
  ((EUID == 0)) || fail "buildah/podman here need root (apt-get, debootstrap, rootful storage)"
  # shellcheck source=scripts/container-host.sh
  source scripts/container-host.sh
  step "host tools"
  ensure_tools
  step "engine config"
  ensure_engine_config
  step "base image"
  ensure_base_image
fi

step "building the image from ./Dockerfile"
build_started=$(now_ms)
if [[ $engine == docker ]]; then
  docker build --iidfile "$work_dir/iid" -t "$IMAGE_TAG" .
else
  # --format docker keeps the HEALTHCHECK (OCI has no field for it); --pull=never fetches nothing.
  buildah bud --pull=never --format docker --layers --iidfile "$work_dir/iid" -t "$IMAGE_TAG" .
fi
image_id=$(<"$work_dir/iid")
pass "built $image_id in $((($(now_ms) - build_started) / 1000)) s"

step "starting a container on a free loopback port"
# -t as in "docker run -it": the server then logs through pino-pretty, which must be a production dependency.
port=$(free_port)
base_url=http://127.0.0.1:$port
if [[ $engine == docker ]]; then
  container_id=$(docker run -d -t -p "127.0.0.1:$port:4000" "$image_id")
else
  # Host networking: podman's bridge needs netfilter this machine kind may not offer.
  container_id=$(without_timer_noise podman run -d -t --network host -e HOST=127.0.0.1 -e "PORT=$port" "$image_id")
fi
pass "container ${container_id:0:12} at $base_url"

step "waiting for /_mock/health (at most 30 s)"
for ((attempt = 1; ; attempt++)); do
  status=$(request GET /_mock/health 2>/dev/null || true)
  [[ $status == 200 ]] && break
  [[ $("$engine" inspect --format '{{.State.Running}}' "$container_id") == true ]] || fail "container exited"
  ((attempt < 60)) || fail "not healthy after 30 s (last status: ${status:-no answer})"
  sleep 0.5
done
expect_field "$work_dir/body" status ok
pass "healthy after $attempt attempt(s)"

step "the image runs Node $NODE_MAJOR"
node_version=$("$engine" exec "$container_id" node --version)
[[ $node_version == "v$NODE_MAJOR."* ]] || fail "node --version in the image prints '$node_version'"
pass "node $node_version"

step "minting a token with the image's own token command"
token=$("$engine" exec "$container_id" node dist/cli.js token --scopes "$SCOPE")
[[ $token =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$ ]] || fail "token command printed '$token'"
pass "got a JWT (${#token} characters) with scope $SCOPE"

# Every value differs from the fixture's, so the answer proves the update; strict mode needs all seven.
patch_body='{
  "processingStatus": "completedWithErrors",
  "workflowExecutionType": "scheduled",
  "scheduledDateTime": "2026-03-01T08:00:00Z",
  "failedTasksCount": 1,
  "totalTasksCount": 7,
  "totalUnprocessedTasksCount": 2,
  "workflowVersion": 3
}'
patch_path=/beta/workflowBase/userProcessingResults/$FIXTURE_ID

step "PATCH without a token answers 401"
status=$(request PATCH "$patch_path" -H 'Content-Type: application/json' --data "$patch_body")
[[ $status == 401 ]] || fail "status $status, expected 401"
expect_field "$work_dir/body" error.code InvalidAuthenticationToken
pass "401 InvalidAuthenticationToken"

step "PATCH fixture $FIXTURE_ID with the token"
status=$(request PATCH "$patch_path" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' --data "$patch_body")
[[ $status == 200 ]] || fail "status $status, expected 200: $(<"$work_dir/body")"
expect_field "$work_dir/body" id "$FIXTURE_ID"
expect_field "$work_dir/body" processingStatus completedWithErrors
expect_field "$work_dir/body" workflowExecutionType scheduled
expect_field "$work_dir/body" scheduledDateTime 2026-03-01T08:00:00Z
expect_field "$work_dir/body" failedTasksCount 1
expect_field "$work_dir/body" totalTasksCount 7
expect_field "$work_dir/body" totalUnprocessedTasksCount 2
expect_field "$work_dir/body" workflowVersion 3
pass "200 with the updated entity"

step "GET returns the stored update"
status=$(request GET "$patch_path" -H "Authorization: Bearer $token")
[[ $status == 200 ]] || fail "status $status, expected 200"
expect_field "$work_dir/body" processingStatus completedWithErrors
expect_field "$work_dir/body" workflowVersion 3
pass "200, update persisted"

step "the inspector page, its script and the OpenAPI document, from the built image"
for path in /_mock/ /_mock/inspector/app.js /_mock/openapi.json; do
  status=$(request GET "$path")
  [[ $status == 200 ]] || fail "GET $path: status $status, expected 200"
done
expect_field "$work_dir/body" openapi 3.1.0
pass "200 for each"

step "running the image's HEALTHCHECK"
if [[ $engine == docker ]]; then
  # docker has no "healthcheck run": execute the image's own check command the same way.
  health_test=$(docker inspect --format '{{json .Config.Healthcheck.Test}}' "$container_id")
  [[ $(json_get 0 <<<"$health_test") == CMD ]] || fail "no exec-form HEALTHCHECK in the image: $health_test"
  mapfile -t health_cmd < <(node -e 'JSON.parse(process.argv[1]).slice(1).forEach((a) => console.log(a))' "$health_test")
  docker exec "$container_id" "${health_cmd[@]}" || fail "healthcheck command failed"
else
  podman healthcheck run "$container_id" || fail "podman healthcheck run reported unhealthy"
fi
pass "healthcheck exit 0"

step "PID 1 is node, running as uid 1000"
pid1=$("$engine" exec "$container_id" cat /proc/1/status)
# The program from the command line: Node 24 renames its main thread 'MainThread', which /proc's Name shows.
pid1_name=$("$engine" exec "$container_id" sh -c 'tr "\0" "\n" </proc/1/cmdline | head -n 1')
pid1_uid=$(awk '/^Uid:/ { print $2 }' <<<"$pid1")
[[ $pid1_name == node ]] || fail "PID 1 is '$pid1_name'"
[[ $pid1_uid == 1000 ]] || fail "PID 1 runs as uid $pid1_uid"
pass "node, uid 1000"

step "the final image holds no dev dependencies, sources or tests"
# The dev dependencies production does not need too (the lockfile marks those dev): Ajv is also Fastify's.
mapfile -t dev_deps < <(node -p 'const lock = require("./package-lock.json"); Object.keys(require("./package.json").devDependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev).join("\n")')
forbidden=(src test bench scripts tsconfig.json "${dev_deps[@]/#/node_modules/}")
# shellcheck disable=SC2016 # $p expands inside the container's shell
present=$("$engine" exec -w /app "$container_id" sh -c 'for p; do [ -e "$p" ] && echo "$p"; done; true' sh "${forbidden[@]}")
[[ -z $present ]] || fail "found in /app: $(tr '\n' ' ' <<<"$present")"
pass "none of: ${forbidden[*]}"

step "SIGTERM: stop must end with exit code 0 within $((STOP_LIMIT_MS / 1000)) s"
stop_started=$(now_ms)
without_timer_noise "$engine" stop -t 10 "$container_id" >/dev/null
stop_ms=$(($(now_ms) - stop_started))
exit_code=$("$engine" inspect --format '{{.State.ExitCode}}' "$container_id")
[[ $exit_code == 0 ]] || fail "exit code $exit_code after ${stop_ms} ms (137 = killed at the timeout)"
((stop_ms <= STOP_LIMIT_MS)) || fail "stop took ${stop_ms} ms"
pass "exit code 0 after ${stop_ms} ms"

step "image size"
size=$("$engine" image inspect --format '{{.Size}}' "$image_id")
base_size=$("$engine" image inspect --format '{{.Size}}' "$BASE_IMAGE" 2>/dev/null || echo 0)
pass "$((size / 1000000)) MB ($(((size - base_size) / 1000000)) MB above the $BASE_TAG base)"
