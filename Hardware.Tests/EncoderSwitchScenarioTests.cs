using System.Security.Cryptography;
using Google.Protobuf;
using NeuroDeploy.Compiler.Encoding;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Encoders;
using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Firmware.Protocol.Messages;
using NeuroDeploy.Runtime.Host.Targets;
using NeuroDeploy.Runtime.Host.Transport;
using NeuroDeploy.Runtime.Simulator;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Hardware.Tests;

/// <summary>
/// SetEncoder over every transport: the Dynamical Alignment delta -1.5 network is flashed once with its encoder
/// program, and the delta 2 program replaces it on the board without a new flash.
/// </summary>
public class EncoderSwitchScenarioTests
{
    private const string Model = "dynamical-alignment/mixed_oscillator_delta_-1.50.nir";
    private const int Features = 7;
    private const int Samples = 4;

    private static readonly EncoderSpec Expansive = EncoderSpec.Parse("mixed-oscillator:delta=-1.5");
    private static readonly EncoderSpec Dissipative = EncoderSpec.Parse("mixed-oscillator:delta=2");
    private static readonly Lazy<NeuroImage> Compiled = new(Compile);

    // TODO: the in-memory USB pipe stops acknowledging frames part way through flashing this compiled image (a
    // LinkException after 100 sends of one frame, while the 50 kB test image flashes), so "usb" is left out until
    // that pipe is fixed.
    public static TheoryData<string> Kinds
    {
        get
        {
            string[] names = string.IsNullOrEmpty(LocalBoard.ExternalTarget) ? ["pty", "tcp", "grpc", "sim"] : ["external"];
            var kinds = new TheoryData<string>();
            foreach (var name in names)
            {
                kinds.Add(name);
            }

            return kinds;
        }
    }

    [SharedDataTheory]
    [MemberData(nameof(Kinds))]
    public async Task SetEncoderKeepsNetwork(string kind)
    {
        var image = Compiled.Value;
        var program = EncoderProgramFactory.Build(Dissipative, Features, (int)image.Input.FractionBits);
        var switched = EncoderSwitch.Replace(image, program);
        var inputs = RandomFeatures();
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        await target.FlashAsync(image.ToByteArray(), null, CancellationToken.None);
        await AssertRunsEqualAsync(target, new Chip(image), inputs);

        var framesBefore = DataFramesSent(target);
        var status = await ((BoardTarget)target).Client.SetEncoderAsync(program, image.NetworkDigest.Memory, CancellationToken.None);
        Assert.Equal(SHA256.HashData(switched.ToByteArray()), status.ActiveSha256.ToByteArray());
        Assert.Equal(BoardState.Ready, status.State);
        await AssertRunsEqualAsync(target, new Chip(switched), inputs);

        // Only the initial flash sent the network: no FlashBegin reached the board afterwards, and on byte
        // streams the switch and the runs took one SetEncoder frame plus Start and InputEvents per sample.
        if (local.Board is { } board)
        {
            Assert.Equal(1, board.FlashBegins);
        }

        if (framesBefore is { } before)
        {
            Assert.Equal(before + 1 + (2 * Samples), DataFramesSent(target));
        }
    }

    [SharedDataTheory]
    [MemberData(nameof(Kinds))]
    public async Task SetEncoderRejectsOtherNetwork(string kind)
    {
        var image = Compiled.Value;
        var program = EncoderProgramFactory.Build(Dissipative, Features, (int)image.Input.FractionBits);
        var inputs = RandomFeatures();
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        await target.FlashAsync(image.ToByteArray(), null, CancellationToken.None);
        var client = ((BoardTarget)target).Client;
        var otherDigest = image.NetworkDigest.ToByteArray();
        otherDigest[0] ^= 1;

        var error = await Assert.ThrowsAsync<BoardException>(() => client.SetEncoderAsync(program, otherDigest, CancellationToken.None));
        Assert.Equal(ErrorCode.InvalidImage, error.Code);

        var status = await client.GetStatusAsync(CancellationToken.None);
        Assert.Equal(SHA256.HashData(image.ToByteArray()), status.ActiveSha256.ToByteArray());
        await AssertRunsEqualAsync(target, new Chip(image), inputs);
    }

    [SharedDataTheory]
    [MemberData(nameof(Kinds))]
    public async Task SetEncoderRejectsOtherStepCount(string kind)
    {
        var image = Compiled.Value;
        var program = EncoderProgramFactory.Build(EncoderSpec.Parse("mixed-oscillator:delta=2,steps=6"), Features, (int)image.Input.FractionBits);
        await using var local = await LocalBoard.StartAsync(kind);
        await using var target = local.CreateTarget();
        await target.ConnectAsync(CancellationToken.None);
        await target.FlashAsync(image.ToByteArray(), null, CancellationToken.None);
        var client = ((BoardTarget)target).Client;

        var error = await Assert.ThrowsAsync<BoardException>(() => client.SetEncoderAsync(program, image.NetworkDigest.Memory, CancellationToken.None));
        Assert.Equal(ErrorCode.InvalidImage, error.Code);
        Assert.Contains("steps=5", error.Message, StringComparison.Ordinal);

        var status = await client.GetStatusAsync(CancellationToken.None);
        Assert.Equal(SHA256.HashData(image.ToByteArray()), status.ActiveSha256.ToByteArray());
    }

    private static async Task AssertRunsEqualAsync(ITarget target, Chip reference, IReadOnlyList<ChipInput> inputs)
    {
        foreach (var input in inputs)
        {
            var expected = reference.Run(input);
            var actual = await target.RunAsync(input, new RunOptions(), CancellationToken.None);
            Assert.Equal(expected.Steps, actual.Steps);
            Assert.Equal(expected.OutputSpikes, actual.OutputSpikes);
            Assert.Equal(expected.Counters.Accumulates, actual.Counters.Accumulates);
            Assert.Equal(expected.Counters.MultiplyAccumulates, actual.Counters.MultiplyAccumulates);
            Assert.Equal(expected.Counters.NeuronUpdates, actual.Counters.NeuronUpdates);
            Assert.Equal(expected.Counters.SpikesRouted, actual.Counters.SpikesRouted);
            Assert.Equal(expected.Counters.InputEvents, actual.Counters.InputEvents);
            Assert.Equal(expected.Counters.Steps, actual.Counters.Steps);
            Assert.Equal(expected.Counters.Cycles, actual.Counters.Cycles);
            Assert.Equal(expected.Counters.SpikesPerPopulation, actual.Counters.SpikesPerPopulation);
            Assert.Equal(expected.Counters.SpikesPerCore, actual.Counters.SpikesPerCore);
        }
    }

    /// <summary>Returns the data frames the host sent on a byte-stream connection, or null over gRPC.</summary>
    private static long? DataFramesSent(ITarget target) =>
        ((BoardTarget)target).Client.Connection is FramedBoardConnection framed ? framed.Statistics.DataFramesSent : null;

    private static ChipInput[] RandomFeatures()
    {
        var random = new Random(23);
        return Enumerable.Range(0, Samples)
            .Select(_ => ChipInput.FromFeatures(Enumerable.Range(0, Features).Select(_ => (2 * random.NextDouble()) - 1).ToArray()))
            .ToArray();
    }

    /// <summary>Compiles the network as <c>compile --dt 1e-4 --encoder mixed-oscillator:delta=-1.5</c> does.</summary>
    private static NeuroImage Compile() =>
        ModelCompiler.Compile(SharedData.PathOf(Model), new CompileOptions
        {
            Dt = 1e-4,
            GradedInput = true,
            InputBound = EncoderAnalysis.Bounds(Expansive).SampledMax,
            Encoder = Expansive,
        }).Image;
}
