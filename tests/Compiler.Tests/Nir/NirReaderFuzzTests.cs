using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Compiler.Tests.Nir;

public class NirReaderFuzzTests
{
    [SharedDataFact]
    public void TruncatedFiles_ThrowFormatException()
    {
        var original = File.ReadAllBytes(SharedData.PathOf("conformance/lif/lif_norse.nir"));
        using var files = new NirTestFiles();
        var path = files.PathFor("truncated.nir");
        var lengths = new[] { 0, 1, 8, 64, 512, 1024, original.Length / 2, original.Length - 1 };
        foreach (var length in lengths)
        {
            File.WriteAllBytes(path, original[..length]);
            var error = Assert.Throws<NirFormatException>(() => NirReader.Read(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
    }

    [SharedDataFact]
    public void FlippedBytes_ReadOrThrowFormatException()
    {
        var original = File.ReadAllBytes(SharedData.PathOf("conformance/lif/lif_norse.nir"));
        using var files = new NirTestFiles();
        var path = files.PathFor("flipped.nir");
        var random = new Random(1234);
        var rejected = 0;
        for (var trial = 0; trial < 300; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (var flip = 0; flip < 4; flip++)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            File.WriteAllBytes(path, bytes);
            try
            {
                NirReader.Read(path);
            }
            catch (NirFormatException)
            {
                rejected++;
            }
        }

        // Flips in unused space leave a valid file; most flips must be caught, and none may
        // escape as another exception type (which would fail this test).
        Assert.InRange(rejected, 1, 300);
    }
}
