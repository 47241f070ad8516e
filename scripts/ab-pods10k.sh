#!/usr/bin/env bash
# Interleaved A/B of the 10,000-pod scenario: `scripts/ab-pods10k.sh <rev> [runs]` bundles
# scripts/prof-pods10k.ts at <rev> (through a temporary git worktree) and in the working tree, then alternates
# runs of the two and prints each side's times sorted (ms, timed part only). On a shared VM whose speed drifts by
# 10-15 % within an hour, only alternating runs compare two versions fairly; expect +-3 % between any two builds.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: scripts/ab-pods10k.sh <rev> [runs]}
runs=${2:-6}
out=$(mktemp -d)
git worktree add -f "$out/a" "$rev" >/dev/null 2>&1
ln -s "$PWD/node_modules" "$out/a/node_modules"
(cd "$out/a" && npx esbuild scripts/prof-pods10k.ts --bundle --platform=node --format=esm --outfile="$out/a.mjs" --log-level=warning)
git worktree remove --force "$out/a"
npx esbuild scripts/prof-pods10k.ts --bundle --platform=node --format=esm --outfile="$out/b.mjs" --log-level=warning
a=(); b=()
for _ in $(seq "$runs"); do
  a+=("$(node "$out/a.mjs" | tail -1 | awk '{print $2}')")
  b+=("$(node "$out/b.mjs" | tail -1 | awk '{print $2}')")
done
echo "$rev: $(printf '%s\n' "${a[@]}" | sort -n | tr '\n' ' ')"
echo "working tree: $(printf '%s\n' "${b[@]}" | sort -n | tr '\n' ' ')"
rm -rf "$out"
