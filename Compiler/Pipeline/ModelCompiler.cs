using System.Globalization;
using System.Security.Cryptography;
using NeuroDeploy.Compiler.Encoding;
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
        var (program, note) = BuildEncoderProgram(quantized, options);
        var image = ImageBuilder.Build(quantized, cores, profile, provenance, program);
        return new CompileResult(graph, discrete, quantized, cores, profile, image) { EncoderNote = note };
    }

    /// <summary>
    /// Builds the on-board program of the options' encoder for the quantized input format, or returns a note
    /// saying why the encoder stays on the host.
    /// </summary>
    private static (EncoderProgram? Program, string? Note) BuildEncoderProgram(QuantizedNetwork quantized, CompileOptions options)
    {
        if (options.Encoder is not { } spec)
        {
            return (null, null);
        }

        var unsupported = EncoderProgramFactory.Unsupported(spec);
        if (unsupported is not null)
        {
            return (null, unsupported);
        }

        if (!quantized.GradedInput)
        {
            return (null, $"Encoder '{spec}' stays on the host: the image takes spike input, and an on-board program needs graded input.");
        }

        if (quantized.InputSize % 3 != 0)
        {
            throw new CompileException(string.Create(CultureInfo.InvariantCulture,
                $"Encoder '{spec}' produces 3 channels per feature, but the network's input takes {quantized.InputSize} channels, which is not a multiple of 3. Check the model and the encoder."));
        }

        var program = EncoderProgramFactory.Build(spec, quantized.InputSize / 3, quantized.InputFractionBits, options.Normalize);
        return (program, null);
    }
}
