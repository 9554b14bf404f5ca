using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Testing;
using NirFileWriter = NeuroDeploy.Compiler.Nir.NirWriter;

namespace NeuroDeploy.Compiler.Tests.NirWriter;

/// <summary>Export from an image alone against export from the compiler's quantized network.</summary>
public sealed class NirWriterImageTests
{
    [SharedDataTheory]
    [InlineData("conformance/lif/lif_norse.nir", "norse", null)]
    [InlineData("conformance/braille/braille_noDelay_bias_zero.nir", "snntorch", ResetRule.Zero)]
    [InlineData("conformance/braille/braille_noDelay_noBias_subtract.nir", "snntorch", ResetRule.SubtractGuardedRefire)]
    [InlineData("dynamical-alignment/mixed_oscillator_delta_2.00.nir", "snntorch", null)]
    public void ImageExport_EqualsQuantizedExport(string file, string convention, ResetRule? reset)
    {
        var compiled = ModelCompiler.Compile(SharedData.PathOf(file),
            new CompileOptions { Dt = 1e-4, Convention = convention, Reset = reset });
        var decoded = NirWriteImage.ToQuantizedNetwork(compiled.Image);
        var quantized = compiled.Quantized;

        Assert.Equal(1e-4, NirFileWriter.ImageDt(compiled.Image));
        Assert.Equal(quantized.Populations.Select(p => p.Name), decoded.Populations.Select(p => p.Name));
        Assert.Equal(quantized.Projections.Count, decoded.Projections.Count);
        for (var k = 0; k < quantized.Projections.Count; k++)
        {
            Assert.Equal(quantized.Projections[k].Source, decoded.Projections[k].Source);
            Assert.Equal(quantized.Projections[k].Target, decoded.Projections[k].Target);
            Assert.Equal(quantized.Projections[k].Delay, decoded.Projections[k].Delay);
            Assert.Equal(quantized.Projections[k].RowStart, decoded.Projections[k].RowStart);
            Assert.Equal(quantized.Projections[k].Column, decoded.Projections[k].Column);
            Assert.Equal(quantized.Projections[k].Mantissa, decoded.Projections[k].Mantissa);
        }

        // The image does not store the input node's name, so the model's name is replaced before comparing bytes.
        var renamed = new Quantization.QuantizedNetwork
        {
            InputNode = NirWriteImage.InputNodeName,
            InputShape = quantized.InputShape,
            GradedInput = quantized.GradedInput,
            InputFractionBits = quantized.InputFractionBits,
            Populations = quantized.Populations,
            Projections = quantized.Projections,
            OutputPopulation = quantized.OutputPopulation,
            StateBits = quantized.StateBits,
            DecayFractionBits = quantized.DecayFractionBits,
            Report = quantized.Report,
        };
        using var fromModel = new MemoryStream();
        using var fromImage = new MemoryStream();
        NirFileWriter.Write(fromModel, renamed, 1e-4);
        NirFileWriter.Write(fromImage, decoded, NirFileWriter.ImageDt(compiled.Image));

        Assert.Equal(fromModel.ToArray(), fromImage.ToArray());
    }
}
