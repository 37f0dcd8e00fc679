#!/usr/bin/env bash
# The end-to-end benchmark in one command (see docs/performance.md):
#   bench/run.sh            full run: the comparison with direct and Portkey (about 14 minutes), then the limits,
#                           overload and in-flight memory phases (about 10 more)
#   bench/run.sh --quick    every phase, short: run it before a change that touches the hot path
#   bench/run.sh --phases=limits,overload   some phases only (base, limits, overload, inflight, streams)
# Builds the gateway jar and the benchmark, installs Portkey (the peer) from npm into a scratch folder outside
# the source tree, then runs everything on this machine. Results: bench/results/<time>.json and .md.
# Environment: JAVA_HOME (the JDK for the gateway, the fake and the load generator; 21+ gets virtual threads),
# BENCH_SCRATCH (where Portkey is installed, default ~/.cache/bedrock-gateway-bench), BENCH_SKIP_BUILD=1
# (reuse the last build), BENCH_NO_PEER=1 (skip Portkey), PORTKEY_VERSION (default 1.15.2), BENCH_PIN=1 (the gateway
# on a core of its own, the load generator and the fake on the others: bench/pin-cores.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
scratch="${BENCH_SCRATCH:-${XDG_CACHE_HOME:-$HOME/.cache}/bedrock-gateway-bench}"
gateway_build="target/bench-gateway"
app_dir="$PWD/$gateway_build/app"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  echo "Building the gateway jar and the benchmark..."
  ./mvnw -B -ntp -q -DskipTests -Dbuild.dir="$gateway_build" package
  ./mvnw -B -ntp -q -f bench/pom.xml -Dmaven.test.skip=true package dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/classpath.txt
  # Run the gateway as the image does: extracted, with a JDK AOT cache from a training run (JDK 25+).
  rm -rf "$app_dir"
  "$java_bin" -Djarmode=tools -jar "$(ls "$gateway_build"/bedrock-gateway-*.jar | head -1)" extract --destination "$app_dir"
  if "$java_bin" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCacheOutput; then
    echo "Training the AOT cache..."
    "$java_bin" -XX:+UseSerialGC -XX:AOTCacheOutput="$app_dir/app.aot" -Dspring.context.exit=onRefresh \
      -jar "$(ls "$app_dir"/bedrock-gateway-*.jar)" --spring.profiles.active=local >"$app_dir/training.log" 2>&1
  fi
fi
jar="$(ls "$app_dir"/bedrock-gateway-*.jar | head -1)"
# The gateway's JVM options and environment default to the image's (BenchRunner.IMAGE_JVM and IMAGE_ENV).
aot_args=()
if [[ -f "$app_dir/app.aot" ]]; then
  aot_args=(--gateway-aot-cache="$app_dir/app.aot")
fi

peer_args=()
if [[ "${BENCH_NO_PEER:-0}" != 1 ]]; then
  if command -v npm >/dev/null && command -v node >/dev/null; then
    if [[ ! -f "$scratch/portkey/node_modules/@portkey-ai/gateway/build/start-server.js" ]]; then
      echo "Installing @portkey-ai/gateway into $scratch/portkey..."
      mkdir -p "$scratch/portkey"
      npm install --prefix "$scratch/portkey" --no-audit --no-fund --silent \
        "@portkey-ai/gateway@${PORTKEY_VERSION:-1.15.2}" || echo "npm install failed: peer rows skipped"
    fi
    peer_args=(--portkey-dir="$scratch/portkey")
  else
    echo "node/npm not found: Portkey rows skipped"
  fi
fi

if [[ "${BENCH_PIN:-0}" == 1 ]] && command -v taskset >/dev/null; then
  bench/pin-cores.sh &
  pinner=$!
  trap 'kill "$pinner" 2>/dev/null' EXIT
fi
"$java_bin" -Xms128m -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.bedrockgateway.bench.BenchRunner --gateway-jar="$jar" "${aot_args[@]}" --out=bench/results "${peer_args[@]}" "$@"
