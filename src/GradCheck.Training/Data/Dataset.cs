using System.Numerics;

namespace GradCheck.Training.Data;

/// <summary>
/// A labelled classification data set held in memory: features row-major (Count × FeatureCount) as float32
/// in [0, 1] for images, and integer labels in [0, ClassCount). Float32 storage halves the memory; float64
/// training widens each batch as it is gathered (pixel/255 is then the float32 value, exactly widened).
/// </summary>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[] _labels;

    /// <summary>Creates a data set, validating its shape and labels.</summary>
    /// <param name="name">A name for messages and reports.</param>
    /// <param name="features">Count × featureCount values, row-major.</param>
    /// <param name="labels">Count labels in [0, classCount).</param>
    /// <param name="featureCount">Features per sample, ≥ 1.</param>
    /// <param name="classCount">Number of classes, ≥ 2.</param>
    /// <exception cref="ArgumentException">Sizes disagree or a label is out of range (the message gives the index).</exception>
    public Dataset(string name, float[] features, int[] labels, int featureCount, int classCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (features.Length != (long)labels.Length * featureCount)
        {
            throw new ArgumentException(
                $"data set '{name}': {labels.Length} labels need {(long)labels.Length * featureCount} feature values, got {features.Length}.", nameof(features));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException($"data set '{name}': label {labels[i]} at sample {i} is outside [0, {classCount}).", nameof(labels));
            }
        }

        Name = name;
        _features = features;
        _labels = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>The set's name.</summary>
    public string Name { get; }

    /// <summary>Number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>Features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>All features, row-major.</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>All labels.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    /// <param name="index">0-based sample index.</param>
    public ReadOnlySpan<float> Row(int index) => _features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>
    /// Copies the rows <paramref name="indices"/> into <paramref name="features"/> (converted to T) and their
    /// targets into <paramref name="targets"/>: one-hot rows of <paramref name="outputs"/> entries, or, for a
    /// single output unit, the label itself (0 or 1).
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="indices">Sample indices.</param>
    /// <param name="features">indices.Length × FeatureCount.</param>
    /// <param name="targets">indices.Length × outputs.</param>
    /// <param name="outputs">Output units of the network: ClassCount, or 1 for a two-class set.</param>
    /// <exception cref="ArgumentException">The output count fits neither encoding.</exception>
    public void Gather<T>(ReadOnlySpan<int> indices, Span<T> features, Span<T> targets, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (outputs != ClassCount && !(outputs == 1 && ClassCount == 2))
        {
            throw new ArgumentException(
                $"data set '{Name}' has {ClassCount} classes; a network with {outputs} outputs cannot be trained on it (use {ClassCount} outputs{(ClassCount == 2 ? " or 1" : "")}).",
                nameof(outputs));
        }

        targets[..(indices.Length * outputs)].Clear();
        for (var r = 0; r < indices.Length; r++)
        {
            var source = Row(indices[r]);
            var destination = features.Slice(r * FeatureCount, FeatureCount);
            if (typeof(T) == typeof(float))
            {
                source.CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(destination));
            }
            else
            {
                for (var c = 0; c < source.Length; c++)
                {
                    destination[c] = T.CreateTruncating(source[c]);
                }
            }

            var label = _labels[indices[r]];
            if (outputs == 1)
            {
                targets[r] = T.CreateTruncating(label);
            }
            else
            {
                targets[(r * outputs) + label] = T.One;
            }
        }
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order, as a new set.</summary>
    /// <param name="name">The new set's name.</param>
    /// <param name="indices">Sample indices (each in range).</param>
    public Dataset Subset(string name, ReadOnlySpan<int> indices)
    {
        var features = new float[indices.Length * FeatureCount];
        var labels = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            Row(indices[i]).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            labels[i] = _labels[indices[i]];
        }

        return new Dataset(name, features, labels, FeatureCount, ClassCount);
    }

    /// <summary>Samples [start, start + count) as a new set.</summary>
    /// <param name="name">The new set's name.</param>
    /// <param name="start">First sample.</param>
    /// <param name="count">Number of samples.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the set.</exception>
    public Dataset Slice(string name, int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"samples [{start}, {start + count}) do not lie in '{Name}' ({Count} samples).");
        }

        return new Dataset(
            name, _features.AsSpan(start * FeatureCount, count * FeatureCount).ToArray(), _labels.AsSpan(start, count).ToArray(), FeatureCount, ClassCount);
    }

    /// <summary>A seeded permutation of this set (Fisher–Yates over <see cref="Random"/>(seed)).</summary>
    /// <param name="seed">The seed.</param>
    public Dataset Shuffled(int seed)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        return Subset(Name, order);
    }

    /// <summary>
    /// Keeps only the samples whose label is in <paramref name="classes"/> and relabels them 0, 1, … in the
    /// order given (e.g. classes [3, 5] turn a digit set into a binary 3-versus-5 task with 5 as class 1).
    /// </summary>
    /// <param name="classes">At least two distinct labels of this set.</param>
    /// <exception cref="ArgumentException">Fewer than two classes, a repeat, or a label this set lacks.</exception>
    public Dataset SelectClasses(IReadOnlyList<int> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count < 2 || classes.Distinct().Count() != classes.Count || classes.Any(c => c < 0 || c >= ClassCount))
        {
            throw new ArgumentException(
                $"classes must be at least two distinct labels in [0, {ClassCount}) of '{Name}', got [{string.Join(", ", classes)}].", nameof(classes));
        }

        var map = Enumerable.Repeat(-1, ClassCount).ToArray();
        for (var i = 0; i < classes.Count; i++)
        {
            map[classes[i]] = i;
        }

        var kept = Enumerable.Range(0, Count).Where(i => map[_labels[i]] >= 0).ToArray();
        var subset = Subset(Name, kept);
        var labels = subset._labels.Select(l => map[l]).ToArray();
        return new Dataset($"{Name} classes {string.Join("/", classes)}", subset._features, labels, FeatureCount, classes.Count);
    }
}
