#!/usr/bin/env bash
# The prepared benchmark run for a lent GPU machine: call it through on-device.sh (see
# bench/README.md). Writes $OUT/bench.log (all output) and $OUT/results.jsonl (one JSON object
# per throughput run, tagged with its step). Each step has its own time limit, and the whole script
# ends within about 7 minutes.
set -uo pipefail
out=${OUT:-/tmp/m3di-gpu-bench}
mkdir -p "$out"
log="$out/bench.log"
results="$out/results.jsonl"
: > "$results"

# Runs the throughput bench under a time limit and appends its JSON line, tagged with `step`.
throughput() {
  local step=$1 limit=$2
  shift 2
  echo "== $step: throughput $*" | tee -a "$log"
  timeout "$limit" node dist/bench/throughput.js --json "$@" 2>&1 | tee -a "$log" | tail -1 |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const r=JSON.parse(s);r.step=process.argv[1];console.log(JSON.stringify(r))}catch{}})' "$step" >> "$results"
}

compare() {
  local step=$1 limit=$2
  shift 2
  echo "== $step: compare-kernels $*" | tee -a "$log"
  timeout "$limit" node dist/bench/compare-kernels.js "$@" 2>&1 | tee -a "$log"
}

{ nvidia-smi; node --version; } >> "$log" 2>&1

# The first run also fills the mesh and BVH caches, so later runs start in about a second.
throughput default 240 --n 3000
throughput depth2 90 --n 3000 --pipeline-depth 2
throughput batch64 90 --n 3000 --batch-size 64
throughput batch512 90 --n 4096 --batch-size 512
compare workgroups-16x8 60 --batch-size 256 --rounds 3 --wg-b 16x8
compare workgroups-16x16 60 --batch-size 256 --rounds 3 --wg-b 16x16
compare workgroups-32x2 60 --batch-size 256 --rounds 3 --wg-b 32x2
throughput spp64 90 --n 1000 --spp 64
throughput memory 120 --n 20000 --rss-every 2000
echo "== done" | tee -a "$log"
