using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Compiler.Quantization;
using NirFileWriter = NeuroDeploy.Compiler.Nir.NirWriter;

namespace NeuroDeploy.Compiler.Tests.NirWriter;

/// <summary>Exports a compiled network to a temporary NIR file and imports it again.</summary>
internal sealed class NirRoundTrip : IDisposable
{
    private readonly string _folder;

    public NirRoundTrip(CompileResult compiled, string convention, ResetRule? reset)
    {
        _folder = Path.Combine(Path.GetTempPath(), "nirwriter-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        FilePath = Path.Combine(_folder, "exported.nir");
        Quantized = compiled.Quantized;
        NirFileWriter.Write(FilePath, compiled.Quantized, compiled.Discrete.Dt);
        Graph = NirReader.Read(FilePath, NirReadOptions.Strict);

        // No dt here: the exported file stores it.
        Discrete = Lowerer.Lower(Graph, new LoweringOptions { Convention = convention, Reset = reset });
    }

    public string FilePath { get; }

    public QuantizedNetwork Quantized { get; }

    public NirGraph Graph { get; }

    public DiscreteNetwork Discrete { get; }

    /// <summary>Returns the name of the weight node the writer gives a projection.</summary>
    public string WeightNodeName(QuantizedProjection projection)
    {
        var source = projection.Source < 0 ? Quantized.InputNode : Quantized.Populations[projection.Source].Name;
        return $"w_{source}_to_{Quantized.Populations[projection.Target].Name}" + (projection.Delay == 1 ? "_delayed" : "");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
