#!/usr/bin/env python3
"""OpenBLAS (through numpy) on the shapes of GemmBenchmarks, for a side-by-side record in docs/benchmarks.md.

BenchmarkDotNet cannot call OpenBLAS in process without a native binding, so this script measures it in the
same minute instead. Run it through benchmarks/openblas-gemm.sh, which finds a python with numpy (Debian's
/usr/bin/python3 with python3-numpy and libopenblas0-pthread) and forces OpenBLAS's SkylakeX kernels.

Each figure is the median of `--repeats` timed batches; a batch runs the product enough times to last about
`--batch-ms` milliseconds (at least once). The output is one line per shape, type and thread count:
    float64  2 threads  1024x1024x1024 AB   median 7.12 ms   150.8 GFLOP/s   (min 6.90 ms)
The products are the ones GemmBenchmarks times: C = A·B, Aᵀ·B (A stored k×m) and A·Bᵀ (B stored n×k), written
into a preallocated C with `out=` so no allocation is timed. numpy hands the transposed views to BLAS as
transpose flags (no copy).
"""
import argparse
import json
import sys
import time

try:
    import numpy as np
except ImportError:  # the wrapper checks first; this is for a direct call
    print("SKIP: numpy is not installed for " + sys.executable)
    sys.exit(0)

try:
    import threadpoolctl
except ImportError:
    threadpoolctl = None

SQUARES = [64, 128, 256, 512, 1024]
BATCHES = [20, 128]


def shapes(which):
    out = []
    if which in ("all", "squares"):
        out += [(s, s, s, "AB") for s in SQUARES]
    if which in ("all", "mlp"):
        for b in BATCHES:
            out += [(b, 784, 200, "AB"), (b, 200, 10, "AB"), (784, b, 200, "AtB"),
                    (200, b, 10, "AtB"), (b, 10, 200, "ABt"), (b, 200, 784, "ABt")]
    return out


def operands(m, k, n, form, dtype, rng):
    if form == "AtB":
        a = rng.uniform(-1, 1, (k, m)).astype(dtype).T
    else:
        a = rng.uniform(-1, 1, (m, k)).astype(dtype)
    if form == "ABt":
        b = rng.uniform(-1, 1, (n, k)).astype(dtype).T
    else:
        b = rng.uniform(-1, 1, (k, n)).astype(dtype)
    return a, b, np.empty((m, n), dtype=dtype)


def measure(a, b, c, repeats, batch_ms):
    np.matmul(a, b, out=c)  # warm-up (thread pool start, page faults)
    t0 = time.perf_counter()
    np.matmul(a, b, out=c)
    single = max(time.perf_counter() - t0, 1e-7)
    calls = max(1, int(batch_ms / 1e3 / single))
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(calls):
            np.matmul(a, b, out=c)
        times.append((time.perf_counter() - t0) / calls)
    times.sort()
    return times[len(times) // 2], times[0]


def fmt(seconds):
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} us"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", choices=["all", "squares", "mlp"], default="all")
    parser.add_argument("--types", default="float64,float32")
    parser.add_argument("--threads", default="2,1", help="comma-separated thread counts (threadpoolctl)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--batch-ms", type=float, default=100)
    parser.add_argument("--filter", default="", help="only shapes whose label contains this text")
    args = parser.parse_args()

    info = threadpoolctl.threadpool_info() if threadpoolctl else []
    blas = [i for i in info if i.get("user_api") == "blas"]
    print(f"# numpy {np.__version__}, python {sys.version.split()[0]} ({sys.executable})")
    if blas:
        for lib in blas:
            print(f"# BLAS: {lib.get('internal_api')} {lib.get('version')} {lib.get('architecture')} "
                  f"threads={lib.get('num_threads')} {lib.get('filepath')}")
    else:
        print("# BLAS: threadpoolctl not available or found no BLAS; numpy config follows")
        np.show_config()

    rng = np.random.default_rng(1)
    for threads in [int(t) for t in args.threads.split(",")]:
        limiter = threadpoolctl.threadpool_limits(limits=threads, user_api="blas") if threadpoolctl else None
        for dtype in args.types.split(","):
            for (m, k, n, form) in shapes(args.shapes):
                label = f"{m}x{k}x{n} {form}"
                if args.filter and args.filter not in label:
                    continue
                a, b, c = operands(m, k, n, form, dtype, rng)
                median, best = measure(a, b, c, args.repeats, args.batch_ms)
                gflops = 2.0 * m * k * n / median / 1e9
                print(f"{dtype:8} {threads} thread{'s' if threads > 1 else ' '}  {label:18} median {fmt(median):>9}  "
                      f"{gflops:7.1f} GFLOP/s   (min {fmt(best)})", flush=True)
        if limiter:
            limiter.unregister()


if __name__ == "__main__":
    main()
