#!/usr/bin/env bash
# Keeps the gateway under test on its own core: pins the gateway's JVM to the last CPU and every other benchmark JVM
# (the runner, the fake Bedrock, the load generator) to the others, as each starts. bench/run.sh starts it when
# BENCH_PIN=1 and stops it at the end. On a two-core machine this separates the load generator from the gateway,
# which otherwise compete for the same cores when the CPU, not the calls in flight, runs out.
set -uo pipefail
last=$(($(nproc) - 1))
[[ $last -lt 1 ]] && exit 0
rest=$([[ $last -eq 1 ]] && echo 0 || echo "0-$((last - 1))")
while true; do
  for pid in $(pgrep java); do
    cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || continue
    case "$cmd" in
      *BenchRunner*) cpus="$rest" ;;
      *bench-gateway/app*) cpus="$last" ;;
      *bench/target*) cpus="$rest" ;;
      *) continue ;;
    esac
    current=$(taskset -c -p "$pid" 2>/dev/null | awk '{print $NF}')
    [[ "$current" != "$cpus" ]] && taskset -a -c -p "$cpus" "$pid" >/dev/null 2>&1
  done
  sleep 0.5
done
