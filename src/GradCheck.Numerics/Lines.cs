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

    /// <summary>
    /// Throws when the function changed its argument: every later evaluation would be at a point the checker did not
    /// choose (v[0] += 1 inside f drifted the point and let a wrong gradient pass). An O(n) comparison per call, the
    /// cost of reading the argument once, which the function does anyway.
    /// </summary>
    /// <param name="argument">What the function was given, after the call.</param>
    /// <param name="expected">Its value at entry <paramref name="i"/> before the call.</param>
    /// <param name="i">The entry.</param>
    protected static void ThrowIfChanged(double[] argument, double expected, int i)
    {
        if (!argument[i].Equals(expected))
        {
            throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The checked function modified its argument: entry {i} was {expected:G17} before the call and {argument[i]:G17} after it. A checked function must not change its input (copy it first); no verdict is possible."));
        }
    }
}

/// <summary>t ↦ f(x + t·eᵢ) for a scalar f, evaluated on a private working copy of x.</summary>
internal sealed class CoordinateLine : Line
{
    private readonly Func<double[], double> _function;
    private readonly double[] _work;
    private readonly int _index;
    private readonly double _origin;

    private readonly double[]? _reference;

    public CoordinateLine(Func<double[], double> function, double[] work, int index, double[]? reference = null)
        : base(1)
    {
        _function = function;
        _work = work;
        _index = index;
        _origin = work[index];
        _reference = reference;
    }

    public override void Evaluate(double t, Span<double> result)
    {
        var moved = _origin + t;
        _work[_index] = moved;
        try
        {
            result[0] = _function(_work);
            ThrowIfChanged(_work, moved, _index);
        }
        finally
        {
            _work[_index] = _origin;
        }

        if (_reference is not null && !_work.AsSpan().SequenceEqual(_reference))
        {
            var i = _work.AsSpan().CommonPrefixLength(_reference);
            var changed = _work[i];
            _reference.CopyTo(_work, 0); // leave the work buffer as it should be before reporting
            _work[i] = changed;
            ThrowIfChanged(_work, _reference[i], i);
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

        for (var i = 0; i < _work.Length; i++)
        {
            ThrowIfChanged(_work, _origin[i] + (t * _direction[i]), i);
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
