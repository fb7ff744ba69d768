"""Writes a homework document of 100 display equations and the same 100 derivations as a .claims file.

Usage: python3 benchmarks/documents-timing.py OUT.md OUT.claims (run by benchmarks/documents-timing.sh).
Ten kinds of derivation, each at the coefficients c = 2..11; the tenth kind is a wrong step (a factor c dropped).
"""
import sys


def derivations(c):
    """(LaTeX display, .claims chain, claims header lines) for every kind at coefficient c."""
    s = lambda i: rf"\frac{{e^{{{c} z_{i}}}}}{{\sum_k e^{{{c} z_k}}}}"
    s_claims = lambda i: f"exp({c}*z_{i})/sum(k, exp({c}*z_k))"
    return [
        (rf"\frac{{d}}{{dx}} e^{{{c} x}} = {c} e^{{{c} x}}", f"d/dx exp({c}*x) = {c}*exp({c}*x)", []),
        (rf"\frac{{d}}{{dz}} \sigma({c} z) = {c} \sigma({c} z)(1 - \sigma({c} z))",
         f"d/dz sigmoid({c}*z) = {c}*sigmoid({c}*z)*(1 - sigmoid({c}*z))", []),
        (rf"\frac{{d}}{{dz}} \tanh({c} z) = {c}(1 - \tanh^2({c} z))", f"d/dz tanh({c}*z) = {c}*(1 - tanh({c}*z)^2)", []),
        (rf"\frac{{d}}{{dx}} \ln({c} + x^2) = \frac{{2x}}{{{c} + x^2}}", f"d/dx ln({c} + x^2) = 2*x/({c} + x^2)", []),
        (rf"\frac{{d}}{{dx}} x^2 e^{{{c} x}} = 2x e^{{{c} x}} + {c} x^2 e^{{{c} x}}",
         f"d/dx x^2*exp({c}*x) = 2*x*exp({c}*x) + {c}*x^2*exp({c}*x)", []),
        (rf"\frac{{d}}{{dx}} \frac{{x}}{{{c} + x^2}} = \frac{{{c} - x^2}}{{({c} + x^2)^2}}",
         f"d/dx x/({c} + x^2) = ({c} - x^2)/({c} + x^2)^2", []),
        (rf"\frac{{d}}{{dz}} -(y \ln \sigma({c} z) + (1 - y) \ln(1 - \sigma({c} z))) = {c}(\sigma({c} z) - y)",
         f"d/dz -(y*ln(sigmoid({c}*z)) + (1 - y)*ln(1 - sigmoid({c}*z))) = {c}*(sigmoid({c}*z) - y)", []),
        (rf"\frac{{\partial}}{{\partial z_j}} {s('i')} = {c} {s('i')} \left(\delta_{{ij}} - {s('j')}\right)",
         f"d/dz_j {s_claims('i')} = {c}*{s_claims('i')}*(delta(i, j) - {s_claims('j')})",
         ["index i, j, k in 1..K", "for K in 2..4"]),
        (rf"\frac{{d}}{{dz}} \ln(1 + e^{{{c} z}}) = \frac{{{c} e^{{{c} z}}}}{{1 + e^{{{c} z}}}} = {c} \sigma({c} z)",
         f"d/dz ln(1 + exp({c}*z)) = {c}*exp({c}*z)/(1 + exp({c}*z)) = {c}*sigmoid({c}*z)", []),
        (rf"\frac{{d}}{{dz}} \ln \sigma({c} z) = 1 - \sigma({c} z)", f"d/dz ln(sigmoid({c}*z)) = 1 - sigmoid({c}*z)", []),
    ]


def main(document_path, claims_path):
    document = ["# Generated homework: 100 derivations", ""]
    claims = ["# The derivations of the generated homework, as claims", ""]
    n = 0
    for c in range(2, 12):
        document += [f"## Coefficient {c}", ""]
        for latex, chain, header in derivations(c):
            n += 1
            document += ["We differentiate:", "", f"$${latex}$$", ""]
            claims += [f"claim d{n}", *("  " + h for h in header), "  " + chain, "end", ""]
    assert n == 100
    with open(document_path, "w", encoding="utf-8") as f:
        f.write("\n".join(document))
    with open(claims_path, "w", encoding="utf-8") as f:
        f.write("\n".join(claims))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
