using System.Globalization;
using NeuroDeploy.Compiler.Quantization;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Compiler.Nir;

/// <summary>
/// Writes a quantized network as a NIR 0.2.0 file whose parameters are the dequantized values of the
/// fixed-point model, so that other tools can check what the board runs.
/// </summary>
/// <remarks>
/// Neuron nodes are chosen for forward-Euler import (the <c>snntorch</c> and <c>norse</c> conventions):
/// a decay d = DecayV / 2^F becomes tau = dt / (1 - d) and r = tau / dt, so the input gain is 1 and the
/// decay is d again. Lowering the file with such a convention and the network's reset rule gives the
/// integer model's weights, decays, thresholds and biases as float64. See docs/nir-import.md, "Export".
/// </remarks>
public static class NirWriter
{
    /// <summary>NIR format version written to the root <c>version</c> dataset.</summary>
    public const string FormatVersion = "0.2.0";

    /// <summary>
    /// Writes <paramref name="network"/> to <paramref name="path"/>. The file is written to a temporary
    /// file in the same folder and then renamed, so readers never see a partial file.
    /// </summary>
    /// <param name="path">Output file.</param>
    /// <param name="network">The quantized network.</param>
    /// <param name="dt">Time step in seconds, stored as <c>metadata/dt</c> and used to derive the time constants.</param>
    /// <exception cref="ArgumentException"><paramref name="dt"/> is not a positive finite number.</exception>
    /// <exception cref="NotSupportedException">A population has no NIR equivalent (see <see cref="NirWriteGraph"/>).</exception>
    public static void Write(string path, QuantizedNetwork network, double dt)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = NirWriteGraph.Build(network, dt);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temporary = Path.Combine(
            directory,
            "." + Path.GetFileName(full) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp");
        try
        {
            file.Write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// Writes the network of an image to <paramref name="path"/>, with the time step the image's provenance
    /// records (see <see cref="NirWriteImage.ToQuantizedNetwork"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The image is malformed or records no time step.</exception>
    public static void Write(string path, NeuroImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Write(path, NirWriteImage.ToQuantizedNetwork(image), ImageDt(image));
    }

    /// <summary>Returns the time step in seconds an image's provenance records.</summary>
    /// <exception cref="InvalidDataException">The image records no positive time step.</exception>
    public static double ImageDt(NeuroImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var dt = image.Provenance?.DtSeconds ?? 0;
        return double.IsFinite(dt) && dt > 0
            ? dt
            : throw new InvalidDataException("The image records no time step in provenance.dt_seconds, so the NIR time constants cannot be derived. Recompile the model.");
    }

    /// <summary>Writes <paramref name="network"/> as a NIR file to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, QuantizedNetwork network, double dt)
    {
        ArgumentNullException.ThrowIfNull(stream);
        NirWriteGraph.Build(network, dt).Write(stream);
    }
}
