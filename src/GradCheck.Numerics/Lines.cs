namespace GradCheck.Numerics;

/// <summary>
/// A function restricted to a line through the point, t ↦ f(x + t·d), with the displacement
/// actually realised in floating point (for a coordinate line (xᵢ + t) − xᵢ, which is what the
/// difference quotient must divide by). Counts its evaluations.
/// </summary>
internal abstract class Line
{
    protected Line(int outputs) => Outputs = outputs;

    public int Outputs { get; }

    public long Evaluations { get; protected set; }

    public abstract void Evaluate(double t, Span<double> result);

    public virtual double Displacement(double t) => t;

    /// <summary>Copies a vector function's output, insisting on the length it had at the point.</summary>
    protected void CopyOutput(double[]? values, Span<double> result)
    {
        Guard.OutputLength(values, Outputs);
        values.CopyTo(result);
    }
}

/// <summary>t ↦ f(x + t·eᵢ) for a scalar f, evaluated on a private working copy of x.</summary>
internal sealed class CoordinateLine : Line
{
    private readonly Func<double[], double> _function;
    private readonly double[] _work;
    private readonly int _index;
    private readonly double _origin;

    public CoordinateLine(Func<double[], double> function, double[] work, int index)
        : base(1)
    {
        _function = function;
        _work = work;
        _index = index;
        _origin = work[index];
    }

    public override void Evaluate(double t, Span<double> result)
    {
        _work[_index] = _origin + t;
        try
        {
            result[0] = _function(_work);
        }
        finally
        {
            _work[_index] = _origin;
        }

        Evaluations++;
    }

    public override double Displacement(double t) => (_origin + t) - _origin;
}

/// <summary>t ↦ f(x + t·eᵢ) for a vector f.</summary>
internal sealed class VectorCoordinateLine : Line
{
    private readonly Func<double[], double[]> _function;
    private readonly double[] _work;
    private readonly int _index;
    private readonly double _origin;

    public VectorCoordinateLine(Func<double[], double[]> function, double[] work, int index, int outputs)
        : base(outputs)
    {
        _function = function;
        _work = work;
        _index = index;
        _origin = work[index];
    }

    public override void Evaluate(double t, Span<double> result)
    {
        _work[_index] = _origin + t;
        try
        {
            CopyOutput(_function(_work), result);
        }
        finally
        {
            _work[_index] = _origin;
        }

        Evaluations++;
    }

    public override double Displacement(double t) => (_origin + t) - _origin;
}

/// <summary>t ↦ f(x + t·d) for a scalar or vector f along an arbitrary direction d.</summary>
internal sealed class DirectionLine : Line
{
    private readonly Func<double[], double>? _scalar;
    private readonly Func<double[], double[]>? _vector;
    private readonly double[] _origin;
    private readonly double[] _direction;
    private readonly double[] _work;

    public DirectionLine(Func<double[], double> function, double[] origin, double[] direction, double[]? work = null)
        : base(1)
    {
        _scalar = function;
        _origin = origin;
        _direction = direction;
        _work = work ?? new double[origin.Length];
    }

    public DirectionLine(Func<double[], double[]> function, double[] origin, double[] direction, int outputs)
        : base(outputs)
    {
        _vector = function;
        _origin = origin;
        _direction = direction;
        _work = new double[origin.Length];
    }

    public override void Evaluate(double t, Span<double> result)
    {
        for (var i = 0; i < _work.Length; i++)
        {
            _work[i] = _origin[i] + (t * _direction[i]);
        }

        if (_scalar is not null)
        {
            result[0] = _scalar(_work);
        }
        else
        {
            CopyOutput(_vector!(_work), result);
        }

        Evaluations++;
    }
}

/// <summary>t ↦ f(x + t) for a scalar function of one variable.</summary>
internal sealed class ScalarLine : Line
{
    private readonly Func<double, double> _function;
    private readonly double _origin;

    public ScalarLine(Func<double, double> function, double origin)
        : base(1)
    {
        _function = function;
        _origin = origin;
    }

    public override void Evaluate(double t, Span<double> result)
    {
        result[0] = _function(_origin + t);
        Evaluations++;
    }

    public override double Displacement(double t) => (_origin + t) - _origin;
}
