using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Matrix;

internal static partial class MatrixLowering
{
    private sealed partial class Session
    {
        /// <summary>Matrix notation for <c>function C of a</c> with <c>a</c> a vector or matrix (declared, or a let of
        /// that shape): C's affine form is <c>C0 + sum(dCda .* a)</c> with <c>dCda</c> declared with a's shape, so that
        /// <c>d/da C</c> is the gradient dCda and <c>d/dz C</c> goes through a's definition as for any let.</summary>
        private LetSyntax WithMatrixArguments(LetSyntax let)
        {
            if (let.Unspecified is not { } function)
            {
                return let;
            }

            var shaped = new HashSet<string>(StringComparer.Ordinal);
            foreach (var argument in function.Arguments.Where(a => a.Subscripts.IsEmpty))
            {
                var shape = _shapes.Of(argument, this);
                if (shape.IsScalar)
                {
                    continue;
                }

                var gradient = function.GradientSymbol(argument);
                if (_declared.ContainsKey(gradient) || _letShapes.ContainsKey(gradient))
                {
                    throw new ClaimsSyntaxException(let.Line, let.Column,
                        $"'{gradient}' is the name GradCheck gives the gradient of {function.Name} by {argument.Name}; the claim uses it for something else: rename it");
                }

                _declared[gradient] = new DeclarationSyntax(gradient, shape.Rows, shape.Columns, !shape.IsColumnVector, let.Line, let.Column);
                shaped.Add(argument.Name);
            }

            return shaped.Count == 0 ? let : let with { Body = let.Body with { Text = function.AffineForm(shaped.Contains), Syntax = null } };
        }
    }
}
