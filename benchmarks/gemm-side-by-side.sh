#!/usr/bin/env bash
# GradCheck's GEMM (BenchmarkDotNet, GemmBenchmarks' GradCheck columns: both cores and one thread) and OpenBLAS
# (numpy, through openblas-gemm.sh) measured turn about, ROUNDS times (default 3), double then float in each round, so
# both sides see the same load; the load average is logged before and after each measurement. The log goes to
# stdout and to $LOG (default BenchmarkDotNet.Artifacts/gemm-side-by-side.log); summarise it with
#   python3 benchmarks/gemm-side-by-side.py BenchmarkDotNet.Artifacts/gemm-side-by-side.log
# which prints, per shape, the median over rounds of each side's median time and their ratio.
# Build first: dotnet build -c Release benchmarks/GradCheck.Benchmarks
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
rounds="${ROUNDS:-3}"
log="${LOG:-$root/BenchmarkDotNet.Artifacts/gemm-side-by-side.log}"
mkdir -p "$(dirname "$log")"
: > "$log"
cd "$root"
for round in $(seq 1 "$rounds"); do
    for pair in "Double float64" "Single float32"; do
        set -- $pair
        echo "## round $round $1 GradCheck $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
        dotnet run -c Release --no-build --project benchmarks/GradCheck.Benchmarks -- \
            --filter "*GemmBenchmarks<$1>*GradCheck*" --job short --iterationTime 100 --inProcess 2>&1 \
            | grep -E '^\| (Method|GradCheck)' | tee -a "$log"
        echo "## round $round $2 OpenBLAS $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
        "$here/openblas-gemm.sh" --types "$2" --repeats 7 --batch-ms 100 2>&1 | tee -a "$log"
    done
done
echo "## end $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
