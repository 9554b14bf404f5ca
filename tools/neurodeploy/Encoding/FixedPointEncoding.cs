using System.Globalization;
using NeuroDeploy.Compiler.Profiles;
using NeuroDeploy.Data;
using NeuroDeploy.Encoders;

namespace NeuroDeploy.Cli;

/// <summary><c>neurodeploy encode --fixed-point</c>: the board's encoder program applied on the host, bit for bit.</summary>
public static class FixedPointEncoding
{
    /// <summary>
    /// Normalizes the features, builds the program with the graded input format a compile with the same encoder
    /// would choose, runs it with the board's interpreter and writes [B, T, 3F] to <paramref name="outputPath"/>.
    /// </summary>
    public static int Write(NdArray features, string specText, string normalize, string profileName, string outputPath, bool raw)
    {
        EncoderSpec spec;
        FeatureNormalization normalization;
        try
        {
            spec = EncoderSpec.Parse(specText);
            normalization = FeatureNormalizer.Parse(normalize);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        var profile = HardwareProfile.Load(profileName);
        var fractionBits = EncoderPrograms.InputFractionBits(CompileCommand.EncoderBound(spec.ToString()));
        var featureCount = features.Shape[1];
        var program = EncoderPrograms.Build(spec, featureCount, fractionBits, normalize);
        var normalized = FeatureNormalizer.Normalize(features.Data, normalization);
        var values = EncoderPrograms.Encode(program, normalized, featureCount);
        int[] shape = [features.Shape[0], (int)program.Samples, 3 * featureCount];
        if (raw)
        {
            Npy.Write(outputPath, new NdArray(shape, values.Select(v => (double)v).ToArray(), "<i4"));
        }
        else
        {
            Npy.WriteFloat32(outputPath, shape, values.Select(v => (float)Math.ScaleB((double)v, -fractionBits)).ToArray());
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {outputPath}: {(raw ? "int32" : "float32")} [{shape[0]}, {shape[1]}, {shape[2]}], profile {profile.Name}, {EncoderPrograms.Describe(program)}"));
        return ExitCodes.Success;
    }
}
