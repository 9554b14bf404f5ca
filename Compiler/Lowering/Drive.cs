namespace NeuroDeploy.Compiler.Lowering;

/// <summary>
/// A node's value as a linear function of sources (populations or the network input):
/// sum over (source, delay) of matrix * source[t - delay], plus a constant bias.
/// </summary>
internal sealed class Drive
{
    public Drive(int size)
    {
        Bias = new double[size];
    }

    public Dictionary<(string Source, int Delay), SparseMatrix> Terms { get; } = [];

    public double[] Bias { get; private set; }

    public void AddTerm(string source, int delay, SparseMatrix matrix)
    {
        var key = (source, delay);
        Terms[key] = Terms.TryGetValue(key, out var existing) ? existing.Add(matrix) : matrix;
    }

    /// <summary>Adds <paramref name="other"/>, shifted by <paramref name="extraDelay"/> steps.</summary>
    public void Add(Drive other, int extraDelay)
    {
        foreach (var ((source, delay), matrix) in other.Terms)
        {
            AddTerm(source, delay + extraDelay, matrix);
        }

        for (var k = 0; k < Bias.Length; k++)
        {
            Bias[k] += other.Bias[k];
        }
    }

    /// <summary>Returns matrix * this + bias.</summary>
    public Drive Transform(SparseMatrix matrix, double[] bias)
    {
        var result = new Drive(matrix.Rows);
        foreach (var (key, term) in Terms)
        {
            result.Terms[key] = matrix.Multiply(term);
        }

        result.Bias = matrix.Apply(Bias);
        for (var k = 0; k < bias.Length; k++)
        {
            result.Bias[k] += bias[k];
        }

        return result;
    }
}
