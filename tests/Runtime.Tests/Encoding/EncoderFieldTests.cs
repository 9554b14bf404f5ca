using NeuroDeploy.Encoders.Systems;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator.Encoding;

namespace NeuroDeploy.Runtime.Tests.Encoding;

/// <summary>The integer vector fields of the interpreter against the float systems, and the forcing table.</summary>
public sealed class EncoderFieldTests
{
    private const int FractionBits = 48;

    public static TheoryData<string, double> Starts => new()
    {
        { "aizawa", 0.5 },
        { "aizawa", -1 },
        { "nose-hoover", 0.5 },
        { "nose-hoover", -1 },
        { "chua", 0.5 },
        { "chua", 1 },
        { "chua", -1 },
    };

    [Theory]
    [MemberData(nameof(Starts))]
    public void EulerStepOfUnitLengthEqualsField(string system, double value)
    {
        // With h = 1 the multiply by h is exact, so point 1 minus point 0 is the integer field at the start.
        var (floatSystem, parameters) = Systems(system);
        var program = Program(system, "euler", Fixed(1), integrationSteps: 1, parameters.Select(Fixed));
        var points = new EncoderInterpreter(program).Trajectory(EncoderInterpreter.ToFeature(value, 0));
        var start = new State3(ToDouble(points[0].X), ToDouble(points[0].Y), ToDouble(points[0].Z));

        var expected = floatSystem.Derivative(0, start);

        // A few roundings of 2^-49 each, scaled by parameters up to 28.6 (Chua's b).
        const double Tolerance = 1e-12;
        Assert.Equal(expected.X, ToDouble(points[1].X - points[0].X), Tolerance);
        Assert.Equal(expected.Y, ToDouble(points[1].Y - points[0].Y), Tolerance);
        Assert.Equal(expected.Z, ToDouble(points[1].Z - points[0].Z), Tolerance);
    }

    [Fact]
    public void DrivenStepReadsHalfSteps()
    {
        // Only the forcing acts on y (all other parameters 0) and the start is 0, so one RK4 step gives
        // y = rdiv(mul(H, F0) + 2 mul(H, F1) + 2 mul(H, F1) + mul(H, F2), 6) for table values F0, F1, F2 at t = 0, h/2, h.
        var step = Fixed(0.01);
        long[] table = [Fixed(0.3), Fixed(0.7), Fixed(-0.2)];
        var program = Program("mixed-oscillator", "rk4", step, integrationSteps: 1, [0, 0, 0, 0, 0, Fixed(1), .. table]);

        var points = new EncoderInterpreter(program).Trajectory(0);

        Int128[] k = [Mul(step, table[0]), Mul(step, table[1]), Mul(step, table[1]), Mul(step, table[2])];
        Assert.Equal(EncoderArithmetic.RoundDivide(k[0] + (2 * k[1]) + (2 * k[2]) + k[3], 6), points[1].Y);
        Assert.Equal(Int128.Zero, points[1].Z);
    }

    [Fact]
    public void DrivenEulerStepReadsEvenEntries()
    {
        // Euler step i reads half step 2i: with only the forcing acting, y after two steps is mul(H, F0) + mul(H, F2).
        var step = Fixed(0.01);
        long[] table = [Fixed(0.3), Fixed(0.7), Fixed(-0.2), Fixed(0.9), Fixed(0.4)];
        var program = Program("mixed-oscillator", "euler", step, integrationSteps: 2, [0, 0, 0, 0, 0, Fixed(1), .. table]);

        var points = new EncoderInterpreter(program).Trajectory(0);

        Assert.Equal(Mul(step, table[0]) + Mul(step, table[2]), points[2].Y);
    }

    [Fact]
    public void DrivenProgramWithShortTableIsRejected()
    {
        // N = 2 needs 2N + 1 = 5 table values; 4 are given.
        var program = Program("mixed-oscillator", "rk4", Fixed(0.01), integrationSteps: 2, [0, 0, 0, 0, 0, Fixed(1), 1, 2, 3, 4]);

        var error = Assert.Throws<InvalidDataException>(() => new EncoderInterpreter(program));

        Assert.Contains("drive", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected 11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DrivenProgramCountsForcingAdditions()
    {
        var undriven = Program("mixed-oscillator", "rk4", Fixed(0.01), integrationSteps: 3, [Fixed(2), Fixed(0.1), Fixed(0.1), Fixed(2), Fixed(1), 0]);
        var driven = undriven.Clone();
        driven.Parameters[5] = Fixed(0.5);
        driven.Parameters.Add(new long[7]);

        var difference = new EncoderInterpreter(driven).CountOperations(2).Additions - new EncoderInterpreter(undriven).CountOperations(2).Additions;

        // One addition per field evaluation: 4 per RK4 step, 3 steps, 2 features.
        Assert.Equal(24, difference);
    }

    [Fact]
    public void ProductOutsideInt128Raises()
    {
        Assert.Throws<OverflowException>(() => EncoderArithmetic.Multiply(Int128.MaxValue >> 1, 4, 0));
    }

    private static (IDynamicalSystem System, double[] Parameters) Systems(string system) => system switch
    {
        "aizawa" => (new AizawaSystem(0.95, 0.7, 0.6, 3.5, 0.25, 0.1), [0.95, 0.7, 0.6, 3.5, 0.25, 0.1]),
        "nose-hoover" => (new NoseHooverSystem(1), [1]),
        _ => (new ChuaSystem(15.6, 28.58, 0, -1.143, -0.714), [15.6, 28.58, 0, -1.143, -0.714]),
    };

    private static EncoderProgram Program(string system, string method, long step, uint integrationSteps, IEnumerable<long> parameters)
    {
        var program = new EncoderProgram
        {
            Spec = system,
            System = system,
            Method = method,
            FractionBits = FractionBits,
            Step = step,
            IntegrationSteps = integrationSteps,
            Samples = 2,
            Features = 1,
            OutputFractionBits = 16,
            Normalize = "none",
        };
        program.Parameters.Add(parameters);
        return program;
    }

    private static Int128 Mul(long a, long b) => EncoderArithmetic.Multiply(a, b, FractionBits);

    private static long Fixed(double value) => (long)Math.Round(Math.ScaleB(value, FractionBits), MidpointRounding.AwayFromZero);

    private static double ToDouble(Int128 value) => Math.ScaleB((double)value, -FractionBits);
}
