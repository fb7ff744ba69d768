namespace GradCheck.Numerics.Tests.Models;

/// <summary>The bugs injected into hand-written gradients for the mutation test of the checker.</summary>
public enum Bug
{
    /// <summary>The correct gradient.</summary>
    None,

    /// <summary>The output-layer error signal has the wrong sign (y − p instead of p − y).</summary>
    SignFlip,

    /// <summary>The weight gradient is doubled (a ½ forgotten or a term counted twice).</summary>
    FactorTwo,

    /// <summary>The weight matrix is read transposed in backpropagation (or its gradient written transposed).</summary>
    TransposedWeight,

    /// <summary>The forward pass inside the backward pass forgets the output bias.</summary>
    MissingBias,

    /// <summary>The weight gradient pairs the error with the wrong input feature (index d+1 instead of d).</summary>
    WrongIndex,

    /// <summary>The sum over the batch stops one sample early.</summary>
    OffByOne,

    /// <summary>The weight-decay term 2λw is left out of the gradient.</summary>
    DroppedWeightDecay,

    /// <summary>The derivative of the sigmoid is left out of the chain rule.</summary>
    MissingSigmoidDerivative,
}
