#!/usr/bin/env bash
# Interleaved A/B of the 10,000-pod scenario: `scripts/ab-pods10k.sh <rev> [runs]` bundles
# scripts/prof-pods10k.ts at <rev> (through a temporary git worktree) and in the working tree, then alternates
# runs of the two and prints each side's times sorted (ms, timed part only). On a shared VM whose speed drifts by
# 10-15 % within an hour, only alternating runs compare two versions fairly; expect +-3 % between any two builds.
#
# `HARNESS=bench scripts/ab-pods10k.sh <rev> [runs]` does the same with the bench itself (scripts/bench.ts bundled
# as `npm run bench` bundles it, one pods10k run per process; seconds): V8 inlines a different bundle differently,
# so the figure `npm run bench` reports is best compared this way.
#
# `METRIC=cpu` (process CPU time, ms) or `METRIC=main` (the main thread's CPU time, ms; Linux) compares CPU time
# instead of wall time (prof harness only): on a machine shared with other work it moves far less.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: [HARNESS=bench] scripts/ab-pods10k.sh <rev> [runs]}
runs=${2:-6}
harness=${HARNESS:-prof}
# (the bench bundle keeps its packages external: it must sit under node_modules to find them)
out=$(mktemp -d -p "$PWD/node_modules/.cache" ab.XXXXXX 2>/dev/null || mktemp -d)
bundle() { # <dir> <out.mjs>
  if [ "$harness" = bench ]; then
    (cd "$1" && npx esbuild scripts/bench.ts --bundle --platform=node --format=esm --target=es2022 \
      --packages=external --outfile="$2" --log-level=warning)
  else
    (cd "$1" && npx esbuild scripts/prof-pods10k.ts --bundle --platform=node --format=esm --outfile="$2" \
      --log-level=warning)
  fi
}
once() { # <bundle.mjs>
  if [ "$harness" = bench ]; then
    node --expose-gc "$1" --only=pods10k-once --json | tail -1 |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).pods10k_s))'
  else
    node "$1" | tail -1 | awk -v m="${METRIC:-total}" '{for (i = 1; i < NF; i++) if ($i == m) print $(i + 1)}'
  fi
}
git worktree add -f "$out/a" "$rev" >/dev/null 2>&1
ln -s "$PWD/node_modules" "$out/a/node_modules"
# the same harness on both sides (the working tree's), so only the simulator differs
if [ "$harness" != bench ]; then cp scripts/prof-pods10k.ts "$out/a/scripts/prof-pods10k.ts"; fi
bundle "$out/a" "$out/a.mjs"
git worktree remove --force "$out/a"
bundle "$PWD" "$out/b.mjs"
a=(); b=()
for _ in $(seq "$runs"); do
  a+=("$(once "$out/a.mjs")")
  b+=("$(once "$out/b.mjs")")
done
echo "$rev: $(printf '%s\n' "${a[@]}" | sort -n | tr '\n' ' ')"
echo "working tree: $(printf '%s\n' "${b[@]}" | sort -n | tr '\n' ' ')"
rm -rf "$out"
