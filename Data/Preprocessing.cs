using System.Globalization;
using SimdVector = System.Numerics.Vector;
using MathNet.Numerics.LinearAlgebra;

namespace NeuroDeploy.Data;

/// <summary>
/// PCA feature reduction to K components, each scaled into [-1, 1]: for an input x of
/// <see cref="InputSize"/> values, <c>y[k] = clip(sum_i (x[i] * InputScale - Mean[i]) * Components[k][i]
/// / Scale[k], -1, 1)</c>. Stored as a <c>*.preproc.json</c> file (format in docs/preprocessing.md) that the
/// C# toolkit and the Python training script apply in the same way.
/// </summary>
public sealed partial class Preprocessing
{
    /// <summary>Value of the <c>format</c> field of a preprocessing file.</summary>
    public const string FormatName = "neurodeploy-preprocessing";

    /// <summary>File format version written and read.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Scale of 8-bit pixels to [0, 1].</summary>
    public const double PixelScale = 1.0 / 255.0;

    /// <summary>Creates a preprocessing from its parameters (the arrays are copied).</summary>
    /// <exception cref="ArgumentException">The parameters disagree in size or a scale is not positive.</exception>
    public Preprocessing(
        double inputScale,
        double[] mean,
        double[][] components,
        double[] scale,
        double[]? explainedVariance = null)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(scale);
        var problem = Validate(inputScale, mean, components, scale, explainedVariance);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(components));
        }

        InputScale = inputScale;
        Mean = (double[])mean.Clone();
        Components = [.. components.Select(row => (double[])row.Clone())];
        Scale = (double[])scale.Clone();
        ExplainedVariance = explainedVariance is null ? null : (double[])explainedVariance.Clone();
    }

    /// <summary>Number of input values per sample (784 for 28 x 28 images).</summary>
    public int InputSize => Mean.Length;

    /// <summary>Number of output features K.</summary>
    public int ComponentCount => Components.Length;

    /// <summary>Factor applied to raw inputs before centring (1/255 for 8-bit pixels).</summary>
    public double InputScale { get; }

    /// <summary>Mean of the scaled training inputs, one value per input.</summary>
    public double[] Mean { get; }

    /// <summary>Principal axes: K unit-length rows of loadings, largest variance first.</summary>
    public double[][] Components { get; }

    /// <summary>Divisor per component: the maximum |projection| over the training set.</summary>
    public double[] Scale { get; }

    /// <summary>Variance of the training set along each component (informational), or null.</summary>
    public double[]? ExplainedVariance { get; }

    /// <summary>
    /// Fits a PCA with <paramref name="componentCount"/> components on training samples.
    /// </summary>
    /// <remarks>
    /// Deterministic: the inputs are multiplied by <paramref name="inputScale"/> and mean-centred, the sample
    /// covariance (divided by B - 1) is eigen-decomposed with MathNet's symmetric solver, components are
    /// ordered by decreasing eigenvalue, and each component's sign is chosen so that its loading of largest
    /// magnitude (the first such, on ties) is positive. Each scale is the maximum |projection| over the
    /// training samples, so training features lie in [-1, 1] without clipping.
    /// </remarks>
    /// <param name="features">Training samples, row-major [B, F].</param>
    /// <param name="featureCount">F, the number of inputs per sample.</param>
    /// <param name="componentCount">K, between 1 and F.</param>
    /// <param name="inputScale">Factor applied to each input first, for example <see cref="PixelScale"/>.</param>
    public static Preprocessing FitPca(double[] features, int featureCount, int componentCount, double inputScale)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(componentCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(componentCount, featureCount);
        if (!double.IsFinite(inputScale) || inputScale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputScale), inputScale, "The input scale must be positive.");
        }

        if (features.Length % featureCount != 0 || features.Length / featureCount < 2)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{features.Length} values do not form at least two samples of {featureCount} features."),
                nameof(features));
        }

        var count = features.Length / featureCount;
        var mean = new double[featureCount];
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < featureCount; j++)
            {
                mean[j] += features[(i * featureCount) + j] * inputScale;
            }
        }

        for (var j = 0; j < featureCount; j++)
        {
            mean[j] /= count;
        }

        var centred = new double[features.Length];
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < featureCount; j++)
            {
                centred[(i * featureCount) + j] = (features[(i * featureCount) + j] * inputScale) - mean[j];
            }
        }

        var covariance = Covariance(centred, count, featureCount);
        var (components, variances) = PrincipalAxes(covariance, componentCount);

        var scale = new double[componentCount];
        for (var i = 0; i < count; i++)
        {
            var sample = centred.AsSpan(i * featureCount, featureCount);
            for (var k = 0; k < componentCount; k++)
            {
                scale[k] = Math.Max(scale[k], Math.Abs(Dot(sample, components[k])));
            }
        }

        for (var k = 0; k < componentCount; k++)
        {

            // Rounding leaves a spread of about 1e-16 along directions in which the data is constant.
            if (scale[k] <= 1e-12 * scale[0])
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Principal component {k} has zero spread over the training set; request fewer than "
                        + $"{componentCount} components."),
                    nameof(componentCount));
            }
        }

        return new Preprocessing(inputScale, mean, components, scale, variances);
    }

    /// <summary>Transforms one sample of <see cref="InputSize"/> values into K features.</summary>
    public void Apply(ReadOnlySpan<double> input, Span<double> output)
    {
        if (input.Length != InputSize)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The sample has {input.Length} values but the preprocessing expects {InputSize}."),
                nameof(input));
        }

        if (output.Length != ComponentCount)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The output has room for {output.Length} values but the preprocessing yields {ComponentCount}."),
                nameof(output));
        }

        for (var k = 0; k < ComponentCount; k++)
        {
            var loadings = Components[k];
            var sum = 0.0;
            for (var i = 0; i < input.Length; i++)
            {
                sum += ((input[i] * InputScale) - Mean[i]) * loadings[i];
            }

            output[k] = Math.Clamp(sum / Scale[k], -1.0, 1.0);
        }
    }

    /// <summary>Transforms every sample of a dataset into a [B, K] array (dtype <c>&lt;f8</c>).</summary>
    public NdArray Apply(LabeledDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var output = new double[dataset.Count * ComponentCount];
        for (var b = 0; b < dataset.Count; b++)
        {
            Apply(dataset.GetSample(b), output.AsSpan(b * ComponentCount, ComponentCount));
        }

        return new NdArray([dataset.Count, ComponentCount], output);
    }

    /// <summary>
    /// Returns the sample covariance (divided by B - 1) of centred row-major samples. Samples are processed in
    /// blocks, transposed so that each covariance entry adds one contiguous dot product per block.
    /// </summary>
    private static Matrix<double> Covariance(double[] centred, int count, int featureCount)
    {
        const int BlockSize = 64;
        var sums = new double[featureCount * featureCount];
        var block = new double[featureCount * BlockSize];
        for (var start = 0; start < count; start += BlockSize)
        {
            var size = Math.Min(BlockSize, count - start);
            Array.Clear(block);
            for (var b = 0; b < size; b++)
            {
                for (var i = 0; i < featureCount; i++)
                {
                    block[(i * BlockSize) + b] = centred[((start + b) * featureCount) + i];
                }
            }

            for (var i = 0; i < featureCount; i++)
            {
                var row = block.AsSpan(i * BlockSize, BlockSize);
                for (var j = i; j < featureCount; j++)
                {
                    sums[(i * featureCount) + j] += Dot(row, block.AsSpan(j * BlockSize, BlockSize));
                }
            }
        }

        var covariance = Matrix<double>.Build.Dense(featureCount, featureCount);
        for (var i = 0; i < featureCount; i++)
        {
            for (var j = i; j < featureCount; j++)
            {
                var value = sums[(i * featureCount) + j] / (count - 1);
                covariance[i, j] = value;
                covariance[j, i] = value;
            }
        }

        return covariance;
    }

    private static double Dot(ReadOnlySpan<double> left, ReadOnlySpan<double> right)
    {
        var width = System.Numerics.Vector<double>.Count;
        var accumulator = System.Numerics.Vector<double>.Zero;
        var i = 0;
        for (; i <= left.Length - width; i += width)
        {
            accumulator += new System.Numerics.Vector<double>(left[i..]) * new System.Numerics.Vector<double>(right[i..]);
        }

        var sum = SimdVector.Sum(accumulator);
        for (; i < left.Length; i++)
        {
            sum += left[i] * right[i];
        }

        return sum;
    }

    /// <summary>Returns the top eigenvectors of a covariance matrix, signed as <see cref="FitPca"/> states.</summary>
    private static (double[][] Components, double[] Variances) PrincipalAxes(Matrix<double> covariance, int count)
    {
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var eigenvalues = evd.EigenValues.Select(value => value.Real).ToArray();
        var order = Enumerable.Range(0, eigenvalues.Length)
            .OrderByDescending(i => eigenvalues[i])
            .ThenBy(i => i)
            .Take(count)
            .ToArray();

        var components = new double[count][];
        var variances = new double[count];
        for (var k = 0; k < count; k++)
        {
            var vector = evd.EigenVectors.Column(order[k]).ToArray();
            var largest = 0;
            for (var i = 1; i < vector.Length; i++)
            {
                if (Math.Abs(vector[i]) > Math.Abs(vector[largest]))
                {
                    largest = i;
                }
            }

            if (vector[largest] < 0)
            {
                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] = -vector[i];
                }
            }

            components[k] = vector;
            variances[k] = eigenvalues[order[k]];
        }

        return (components, variances);
    }

    /// <summary>Returns a description of the first inconsistency between the parameters, or null.</summary>
    private static string? Validate(
        double inputScale,
        double[] mean,
        double[][] components,
        double[] scale,
        double[]? explainedVariance)
    {
        if (!double.IsFinite(inputScale) || inputScale <= 0)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"input_scale is {inputScale}; expected a positive number.");
        }

        if (mean.Length == 0 || components.Length == 0)
        {
            return "mean and components must not be empty.";
        }

        for (var k = 0; k < components.Length; k++)
        {
            if (components[k] is null || components[k].Length != mean.Length)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"components[{k}] has {components[k]?.Length ?? 0} values; expected {mean.Length}, "
                    + $"the input size.");
            }
        }

        if (scale.Length != components.Length)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"scale has {scale.Length} values; expected {components.Length} (one per component).");
        }

        for (var k = 0; k < scale.Length; k++)
        {
            if (!double.IsFinite(scale[k]) || scale[k] <= 0)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"scale[{k}] is {scale[k]}; expected a positive number.");
            }
        }

        if (explainedVariance is not null && explainedVariance.Length != components.Length)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"explained_variance has {explainedVariance.Length} values; expected {components.Length}.");
        }

        return null;
    }
}
