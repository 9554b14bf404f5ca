using System.Security.Cryptography;
using NeuroDeploy.Compiler.Imaging;
using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Mapping;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Compiler.Profiles;
using NeuroDeploy.Compiler.Quantization;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Compiler.Pipeline;

/// <summary>NIR file in, image out: import, lower, quantize, map, assemble.</summary>
public static class ModelCompiler
{
    public static CompileResult Compile(string path, CompileOptions options)
    {
        var graph = NirReader.Read(path, options.Lenient ? NirReadOptions.LenientRepairs : NirReadOptions.Strict);
        var discrete = Lowerer.Lower(graph, new LoweringOptions
        {
            Dt = options.Dt,
            Convention = options.Convention,
            Reset = options.Reset,
        });
        return Compile(graph, discrete, path, options);
    }

    public static CompileResult Compile(NirGraph graph, DiscreteNetwork discrete, string path, CompileOptions options)
    {
        var profile = HardwareProfile.Load(options.Profile);
        var quantized = Quantizer.Quantize(discrete, profile, new QuantizeOptions
        {
            GradedInput = options.GradedInput,
            InputBound = options.InputBound,
        });
        var cores = Mapper.Map(quantized, profile);
        var provenance = new Provenance
        {
            SourceFile = Path.GetFileName(path),
            SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))),
            DtSeconds = discrete.Dt,
            Convention = discrete.Convention,
            Reset = options.Reset?.ToString() ?? "",
        };
        var image = ImageBuilder.Build(quantized, cores, profile, provenance);
        return new CompileResult(graph, discrete, quantized, cores, profile, image);
    }
}
