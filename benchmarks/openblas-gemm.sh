#!/usr/bin/env bash
# OpenBLAS's figures for the GemmBenchmarks shapes, to run in the same minute as BenchmarkDotNet (see
# docs/benchmarks.md). Finds a python3 with numpy (Debian's /usr/bin/python3 first: the python3 on PATH may be a
# pyenv build without numpy) and skips with a reason when there is none. Install the reference with
#   apt-get install -y python3-numpy libopenblas0-pthread python3-threadpoolctl
# Without libopenblas0-pthread numpy falls back to the reference BLAS, which this script reports (BLAS line).
# OpenBLAS's own CPU detection picks its Haswell kernels on this machine, and the environment may set
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE: both are unset here, for this command only, and SkylakeX is forced.
# Arguments pass through to openblas-gemm.py (--shapes, --types, --threads, --repeats, --filter).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python=""
for candidate in /usr/bin/python3 "$(command -v python3 || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c 'import numpy' 2>/dev/null; then
        python="$candidate"
        break
    fi
done
if [ -z "$python" ]; then
    echo "SKIP: no python3 with numpy found (apt-get install -y python3-numpy libopenblas0-pthread)"
    exit 0
fi
exec env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=2 \
    "$python" "$here/openblas-gemm.py" "$@"
