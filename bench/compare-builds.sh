#!/usr/bin/env bash
# Compares two builds of the whole pipeline (plan, render, store, send into postfix's smtp-sink) the way the
# README's rounds do: runs of the two alternate, A then B, so a change in the shared machine's speed falls on
# both alike, and each pair is compared on its own. Prints every run, then how many pairs B won and the mean and
# median of the pairs' ratios (digests per second, and CPU milliseconds per digest).
#
# Usage: bench/compare-builds.sh A B [--pairs 6] [--messages 10000] [--warmup 2000] [--connections 4]
#   A, B: a git revision (built in a temporary worktree), "." for the working tree as it is, or a folder that
#   already holds a built Paperboy.Bench.dll.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/smtp-sink.sh

if [ $# -lt 2 ]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
a=$1; b=$2; shift 2
pairs=6; messages=10000; warmup=2000; connections=4
while [ $# -gt 0 ]; do
  case $1 in
    --pairs) pairs=$2 ;;
    --messages) messages=$2 ;;
    --warmup) warmup=$2 ;;
    --connections) connections=$2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift 2
done

work=$(mktemp -d)
sink_pid=""
worktrees=()
cleanup() {
  if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; fi
  for tree in "${worktrees[@]}"; do git worktree remove --force "$tree" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Sets built to the folder holding the built bench for a revision, ".", or a folder. Not run in a subshell, so
# the worktrees it adds are known to cleanup.
build() {
  local what=$1 name=$2
  if [ -f "$what/Paperboy.Bench.dll" ]; then
    built=$(cd "$what" && pwd)
    return
  fi

  local source=.
  if [ "$what" != "." ]; then
    source="$work/tree-$name"
    git worktree add --detach "$source" "$what" >/dev/null 2>&1 || { echo "no such revision: $what" >&2; exit 2; }
    worktrees+=("$source")
  fi

  dotnet build -c Release "$source/bench/Paperboy.Bench.csproj" -o "$work/out-$name" >"$work/build-$name.log" 2>&1 \
    || { cat "$work/build-$name.log" >&2; echo "build of $what failed" >&2; exit 1; }
  built="$work/out-$name"
}

build "$a" a
dir_a=$built
build "$b" b
dir_b=$built
start_smtp_sink "$work"
echo "A = $a, B = $b: $pairs pairs, $messages digests after a $warmup-digest warm-up, $connections connection(s), sink 127.0.0.1:$sink_port"

results="$work/results.tsv"
for pair in $(seq 1 "$pairs"); do
  for side in A B; do
    dir=$dir_a
    if [ "$side" = B ]; then dir=$dir_b; fi
    sync
    sleep 2
    line=$(cd "$dir" && dotnet Paperboy.Bench.dll smtp --port "$sink_port" --messages "$messages" --connections "$connections" \
      --whole-only --warmup "$warmup" 2>&1 | grep 'whole run only' || true)
    if [ -z "$line" ]; then
      echo "run $side of pair $pair printed no result" >&2
      exit 1
    fi
    # "whole run only, 4 connection(s): 1024 digests/s, 1.46 CPU ms per digest, load average 2.29"
    rate=$(sed -E 's/.*: ([0-9]+) digests\/s.*/\1/' <<<"$line")
    cpu=$(sed -E 's/.* ([0-9.]+) CPU ms per digest.*/\1/' <<<"$line")
    load=$(sed -E 's/.*load average ([0-9.]+).*/\1/' <<<"$line")
    printf '%s\t%s\t%s\t%s\n' "$pair" "$side" "$rate" "$cpu" >>"$results"
    printf 'pair %2d  %s  %5s digests/s  %s CPU ms per digest  load average %s\n' "$pair" "$side" "$rate" "$cpu" "$load"
  done
done

python3 - "$results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    pair, side, rate, cpu = line.split("\t")
    runs.setdefault(pair, {})[side] = (float(rate), float(cpu))
rate = [r["B"][0] / r["A"][0] for r in runs.values()]
cpu = [r["B"][1] / r["A"][1] for r in runs.values()]
print(f"B against A, {len(runs)} pairs: faster in {sum(x > 1 for x in rate)}, less CPU per digest in {sum(x < 1 for x in cpu)}")
print(f"  digests/s B/A: mean {statistics.mean(rate):.3f}, median {statistics.median(rate):.3f}, from {min(rate):.3f} to {max(rate):.3f}")
print(f"  CPU ms per digest B/A: mean {statistics.mean(cpu):.3f}, median {statistics.median(cpu):.3f}, from {min(cpu):.3f} to {max(cpu):.3f}")
PY
