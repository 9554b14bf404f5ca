namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// Per-step state of every neuron of one population: <c>V</c> and <c>I</c> after the step
/// (after any reset), and the spikes emitted in the step, each row-major [step, neuron].
/// </summary>
public sealed class PopulationTrace
{
    public PopulationTrace(int steps, int size)
    {
        Steps = steps;
        Size = size;
        V = new long[steps * size];
        I = new long[steps * size];
        Spikes = new byte[steps * size];
    }

    public int Steps { get; }

    public int Size { get; }

    public long[] V { get; }

    public long[] I { get; }

    public byte[] Spikes { get; }
}
