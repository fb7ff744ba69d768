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

    /// <summary>The examples of shared/matrix-notation.md, exactly as written there.</summary>
    public const string MatrixMustWork = """
        claim softmax-jacobian-matrix
          vector z in R^K
          for K in 2..4
          let s = softmax(z)
          d/dz s = diag(s) - s*s'
        end

        claim logistic-regression-l2-gradient
          matrix X in R^(N x D)
          vector w in R^D
          vector y in R^N
          assume y in {0, 1}
          let p = sigmoid(X*w)
          let L = -(1/N)*sum(y .* ln(p) + (1 - y) .* ln(1 - p)) + (lambda/2)*w'*w
          d/dw L = (1/N)*X'*(p - y) + lambda*w
        end

        claim bp-two-layers
          vector x in R^D
          matrix W1 in R^(H x D)
          vector b1 in R^H
          matrix W2 in R^(K x H)
          vector b2 in R^K
          vector y in R^K
          let z1 = W1*x + b1
          let a1 = sigmoid(z1)
          let z2 = W2*a1 + b2
          let a2 = sigmoid(z2)
          let C = norm(a2 - y)^2/2
          let delta2 = (a2 - y) .* a2 .* (1 - a2)
          d/dz2 C = delta2                                   # BP1
          # further claims: d/dz1 C = (W2'*delta2) .* a1 .* (1 - a1)   (BP2)
          #                 d/db1 C = d/dz1 C                         (BP3)
          #                 d/dW1 C = (d/dz1 C)*x'                    (BP4)
        end

        claim hadamard-as-diagonal
          vector g in R^K
          vector z in R^K
          g .* sigmoid(z) = diag(sigmoid(z))*g
        end

        claim composed-linear-maps
          matrix W1 in R^(B x A)
          matrix W2 in R^(C x B)
          vector x in R^A
          d/dx (W2*(W1*x)) = W2*W1
        end

        claim ce-hessian-matrix
          vector z in R^K
          assume y simplex
          let s = softmax(z)
          d2/dz2 (-sum(y .* ln(s))) = diag(s) - s*s'
          psd
        end
        """;
}
