using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Compiler.Encoding;

/// <summary>Changes the encoder of a compiled image without re-mapping the network.</summary>
public static class EncoderSwitch
{
    /// <summary>
    /// Returns a copy of <paramref name="image"/> whose encoder is <paramref name="program"/>, with both digests
    /// sealed again. Populations, cores, input and output are copied unchanged, so <c>network_digest</c> stays the same.
    /// </summary>
    /// <exception cref="CompileException">The program's output format or step count does not match the image's input map.</exception>
    public static NeuroImage Replace(NeuroImage image, EncoderProgram program)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(program);
        if (image.Input is null || !image.Input.Graded)
        {
            throw new CompileException("The image takes spike input; an encoder program needs an image compiled with graded input (--encoder or --graded-input).");
        }

        if (program.OutputFractionBits != image.Input.FractionBits)
        {
            throw new CompileException(
                $"Encoder '{program.Spec}' outputs values with {program.OutputFractionBits} fraction bits, but the image's graded input has {image.Input.FractionBits}. Build the program for this image's input format.");
        }

        if (program.Features != 0 && 3 * program.Features != image.Input.Channels)
        {
            throw new CompileException(
                $"Encoder '{program.Spec}' produces {3 * program.Features} channels (3 per feature), but the image takes {image.Input.Channels}.");
        }

        if (image.Input.Steps != 0 && program.Samples != image.Input.Steps)
        {
            throw new CompileException(
                $"Encoder '{program.Spec}' emits {program.Samples} steps per sample, but the image's input map states {image.Input.Steps} (InputMap.steps, part of the network digest). Use steps={image.Input.Steps} or compile the network again.");
        }

        var replaced = image.Clone();
        replaced.Encoder = program.Clone();
        ImageDigest.Seal(replaced);
        return replaced;
    }
}
