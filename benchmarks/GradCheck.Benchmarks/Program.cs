using BenchmarkDotNet.Running;

// Pick benchmarks with --filter, e.g. `--filter *Gemm*`; every class in this assembly is listed.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
