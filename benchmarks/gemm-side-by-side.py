#!/usr/bin/env python3
"""Summarises a gemm-side-by-side.sh log: per type and shape, the median over rounds of GradCheck's median time
(BenchmarkDotNet) and of OpenBLAS's (numpy), for both cores and one thread, and the speed ratio OpenBLAS time /
GradCheck time in each round (above 1: GradCheck faster). Prints Markdown tables."""
import re
import statistics
import sys
from collections import defaultdict

UNITS = {"ns": 1e-9, "us": 1e-6, "μs": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0}


def seconds(text):
    m = re.match(r"\s*([\d.,]+)\s*(ns|us|μs|µs|ms|s)\s*$", text)
    return float(m.group(1).replace(",", "")) * UNITS[m.group(2)] if m else None


def shape_key(text):
    text = text.strip().replace("AᵀB", "AtB").replace("ABᵀ", "ABt")
    return text


def main(path):
    # times[(type, shape, side, threads)][round] = seconds
    times = defaultdict(dict)
    loads = []
    round_no, kind, columns = 0, None, None
    for line in open(path, encoding="utf-8"):
        head = re.match(r"## round (\d+) (\w+) (GradCheck|OpenBLAS) (\S+) load: (.*)", line)
        if head:
            round_no, kind = int(head.group(1)), head.group(3)
            loads.append(f"{head.group(4)} {head.group(3)} {head.group(2)}: {head.group(5).strip()}")
            dtype = {"Double": "float64", "Single": "float32"}.get(head.group(2), head.group(2))
            continue
        if line.startswith("## end"):
            loads.append(line.strip()[3:])
            continue
        if kind == "GradCheck" and line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if cells[0] == "Method":
                columns = cells
                continue
            if columns is None or "Median" not in columns:
                continue
            row = dict(zip(columns, cells))
            t = seconds(row["Median"])
            threads = 1 if row["Method"].endswith("OneThread") else 2
            if t:
                times[(dtype, shape_key(row["Shape"]), "GradCheck", threads)][round_no] = t
        elif kind == "OpenBLAS":
            m = re.match(r"(float\d+)\s+(\d) threads?\s+(\S+ \S+)\s+median\s+([\d.]+ \S+)", line)
            if m:
                times[(m.group(1), shape_key(m.group(3)), "OpenBLAS", int(m.group(2)))][round_no] = seconds(m.group(4))

    shapes = []
    for (dtype, shape, _, _) in times:
        if (dtype, shape) not in shapes:
            shapes.append((dtype, shape))
    # GemmBenchmarks' order: the squares, then batch 20's products, then batch 128's.
    canonical = [f"{s}x{s}x{s} AB" for s in (64, 128, 256, 512, 1024)]
    for b in (20, 128):
        canonical += [f"{b}x784x200 AB", f"{b}x200x10 AB", f"784x{b}x200 AtB", f"200x{b}x10 AtB", f"{b}x10x200 ABt", f"{b}x200x784 ABt"]
    shapes.sort(key=lambda ds: canonical.index(ds[1]) if ds[1] in canonical else len(canonical))

    def flops(shape):
        dims = [int(x) for x in shape.split()[0].split("x")]
        return 2.0 * dims[0] * dims[1] * dims[2]

    def cell(dtype, shape, side, threads):
        per_round = times.get((dtype, shape, side, threads), {})
        if not per_round:
            return "–", None
        t = statistics.median(per_round.values())
        unit = f"{t * 1e3:.2f} ms" if t >= 1e-3 else f"{t * 1e6:.1f} µs"
        return f"{unit} ({flops(shape) / t / 1e9:.0f})", per_round

    for dtype in ("float64", "float32"):
        print(f"\n**{dtype}** — median over rounds of each side's median time, GFLOP/s in brackets; ratio = OpenBLAS time / "
              "GradCheck time in each round (above 1: GradCheck faster), median first\n")
        print("| Shape | GradCheck, 2 cores | OpenBLAS, 2 threads | ratio (rounds) | GradCheck, 1 thread | OpenBLAS, 1 thread | ratio (rounds) |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for (d, shape) in shapes:
            if d != dtype:
                continue
            out = [shape.replace("AtB", "AᵀB").replace("ABt", "ABᵀ")]
            for threads in (2, 1):
                ours, our_rounds = cell(dtype, shape, "GradCheck", threads)
                theirs, their_rounds = cell(dtype, shape, "OpenBLAS", threads)
                ratios = []
                if our_rounds and their_rounds:
                    ratios = [their_rounds[r] / our_rounds[r] for r in sorted(our_rounds) if r in their_rounds]
                ratio = (f"**{statistics.median(ratios):.2f}** (" + " / ".join(f"{x:.2f}" for x in ratios) + ")") if ratios else "–"
                out += [ours, theirs, ratio]
            print("| " + " | ".join(out) + " |")
    print("\nLoad average (1, 5, 15 min) at the start of each measurement:\n")
    for entry in loads:
        print(f"- {entry}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "BenchmarkDotNet.Artifacts/gemm-side-by-side.log")
