using NeuroDeploy.Compiler.Lowering;

namespace NeuroDeploy.Compiler.Reference;

/// <summary>A projection stored by source column, so that a step touches only the synapses of active sources.</summary>
internal sealed class ColumnProjection
{
    private readonly int[] _columnStart;
    private readonly int[] _row;
    private readonly double[] _weight;

    public ColumnProjection(Projection projection, int sourceSize)
    {
        Source = projection.Source;
        Target = projection.Target;
        Delay = projection.Delay;
        _columnStart = new int[sourceSize + 1];
        foreach (var column in projection.Column)
        {
            _columnStart[column + 1]++;
        }

        for (var c = 0; c < sourceSize; c++)
        {
            _columnStart[c + 1] += _columnStart[c];
        }

        _row = new int[projection.Column.Length];
        _weight = new double[projection.Column.Length];
        var fill = (int[])_columnStart.Clone();
        var rows = projection.RowStart.Length - 1;
        for (var r = 0; r < rows; r++)
        {
            for (var q = projection.RowStart[r]; q < projection.RowStart[r + 1]; q++)
            {
                var slot = fill[projection.Column[q]]++;
                _row[slot] = r;
                _weight[slot] = projection.Weight[q];
            }
        }
    }

    public int Source { get; }

    public int Target { get; }

    public int Delay { get; }

    /// <summary>Adds the synapses of every spiking source neuron; one accumulate per synapse.</summary>
    public void AccumulateSpikes(double[] spikes, double[] target, OperationCounts operations)
    {
        for (var c = 0; c < spikes.Length; c++)
        {
            if (spikes[c] == 0)
            {
                continue;
            }

            for (var q = _columnStart[c]; q < _columnStart[c + 1]; q++)
            {
                target[_row[q]] += _weight[q];
            }

            operations.Accumulates += _columnStart[c + 1] - _columnStart[c];
        }
    }

    /// <summary>
    /// Adds weight * value for every nonzero network input value. A value of exactly 1 is a
    /// binary spike and costs accumulates; any other value costs multiply-accumulates.
    /// </summary>
    public void AccumulateInput(double[] values, double[] target, OperationCounts operations)
    {
        for (var c = 0; c < values.Length; c++)
        {
            var x = values[c];
            if (x == 0)
            {
                continue;
            }

            for (var q = _columnStart[c]; q < _columnStart[c + 1]; q++)
            {
                target[_row[q]] += _weight[q] * x;
            }

            var synapses = _columnStart[c + 1] - _columnStart[c];
            if (x == 1)
            {
                operations.Accumulates += synapses;
            }
            else
            {
                operations.MultiplyAccumulates += synapses;
            }
        }
    }
}
