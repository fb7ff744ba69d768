# The SymPy side of the one-claim start-up benchmark (docs/benchmarks.md): the same check as
#   gradcheck check --claim "d2/dz2 ln(1 + exp(z)) = sigmoid(z)*(1 - sigmoid(z))"
# imported, parsed, differentiated and simplified to 0 in a fresh process.
import sys
import sympy as sp

z = sp.Symbol("z", real=True)
sigmoid = lambda u: 1 / (1 + sp.exp(-u))
lhs = sp.diff(sp.log(1 + sp.exp(z)), z, 2)
rhs = sigmoid(z) * (1 - sigmoid(z))
proved = sp.simplify(lhs - rhs) == 0
print("ok   command-line: proved" if proved else "FAIL command-line: not proved")
sys.exit(0 if proved else 1)
