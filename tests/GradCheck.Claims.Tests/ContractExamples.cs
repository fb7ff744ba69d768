namespace GradCheck.Claims.Tests;

/// <summary>The examples of /work/shared/claims-format.md, verbatim.</summary>
internal static class ContractExamples
{
    public const string SigmoidChain = """
        # sigmoid derivative, written as a derivation chain
        claim sigmoid-derivative
          source: seed 003, Question 1 Exercise 1
          d/dz sigmoid(z)
            = d/dz (1 + exp(-z))^(-1)
            = exp(-z) / (1 + exp(-z))^2
            = sigmoid(z) * (1 - sigmoid(z))
        end
        """;

    public const string MustWork = """
        claim bce-logistic-weight-gradient
          source: seed 001, Task 1.a
          let yhat = sigmoid(w1*x1 + w2*x2)
          let C = -(y*ln(yhat) + (1 - y)*ln(1 - yhat))
          assume y in [0, 1]
          d/dw1 C = -(y - yhat) * x1
        end

        claim softmax-jacobian
          index i, j, k in 1..K
          for K in 2..5
          let s_i = exp(z_i) / sum(k, exp(z_k))
          d/dz_j s_i = s_i * (delta(i, j) - s_j)
        end

        claim softmax-cross-entropy-gradient
          index j, k in 1..K
          for K in 2..5
          let s_k = exp(z_k) / sum(k, exp(z_k))
          let J = -sum(k, y_k * ln(s_k))
          assume y simplex over k
          d/dz_j J = s_j - y_j
        end

        claim cross-entropy-hessian
          index i, j, k in 1..K
          for K in 2..4
          let s_k = exp(z_k) / sum(k, exp(z_k))
          let L = -ln(s_1)
          d2/dz_i dz_j L = s_i * (delta(i, j) - s_j)
        end

        claim wrong-sign-example
          expect refuted at step 1
          d/dz ln(sigmoid(z)) = sigmoid(z) - 1
        end
        """;
}
