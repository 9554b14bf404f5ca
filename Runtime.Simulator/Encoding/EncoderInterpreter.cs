using System.Globalization;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Runtime.Simulator.Encoding;

/// <summary>
/// The board's encoder: runs an <see cref="EncoderProgram"/> in integer arithmetic and turns a feature vector into
/// the graded input rows [T, 3F] of the first layer. This class is the reference of the on-board encoder, and
/// <c>neurodeploy encode --fixed-point</c> calls it, so the two agree bit for bit. The rules are in
/// docs/encoders.md, "Fixed-point encoder programs".
/// </summary>
public sealed class EncoderInterpreter
{
    /// <summary>Fraction bits of the int32 features: 2^30 is the feature value 1.</summary>
    public const int FeatureFractionBits = 30;

    private readonly EncoderProgram _program;
    private readonly Int128[] _parameters;
    private readonly int _fractionBits;
    private readonly Int128 _step;
    private readonly Int128 _startY;
    // The value 1 in the program format (2^Q).
    private readonly Int128 _fixedOne;
    private readonly bool _rungeKutta4;

    // drive cos(omega j h / 2) for j = 0 .. 2N with fraction_bits, or empty for an undriven program.
    private readonly Int128[] _forcing;

    /// <summary>Validates the program.</summary>
    /// <exception cref="InvalidDataException">The program names an unsupported system or method, or a field is out of range.</exception>
    public EncoderInterpreter(EncoderProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        _program = program;
        var expected = EncoderProgramSystems.ParameterCount(program.System);
        if (expected < 0)
        {
            throw new InvalidDataException(
                $"Encoder program system '{program.System}' is not supported on the board; supported: "
                + string.Join(", ", EncoderProgramSystems.Names) + ".");
        }

        var driven = string.Equals(program.System, "mixed-oscillator", StringComparison.Ordinal)
            && program.Parameters.Count > 5 && program.Parameters[5] != 0;
        if (driven)
        {
            CheckForcingTable(program);
        }
        else if (program.Parameters.Count != expected)
        {
            throw new InvalidDataException(Invariant(
                $"Encoder program for '{program.System}' has {program.Parameters.Count} parameters, expected {expected}."));
        }

        _rungeKutta4 = program.Method switch
        {
            "rk4" => true,
            "euler" => false,
            _ => throw new InvalidDataException($"Encoder program method '{program.Method}' is invalid; expected rk4 or euler."),
        };
        if (program.FractionBits is < 1 or > 62 || program.OutputFractionBits > 30 || program.Samples < 1
            || program.IntegrationSteps < 1 || program.Step <= 0)
        {
            throw new InvalidDataException(Invariant(
                $"Encoder program fields out of range: fraction_bits {program.FractionBits} (1 .. 62), output_fraction_bits {program.OutputFractionBits} (0 .. 30), samples {program.Samples} (>= 1), integration_steps {program.IntegrationSteps} (>= 1), step {program.Step} (> 0). Build the program again."));
        }

        _fractionBits = (int)program.FractionBits;
        _parameters = program.Parameters.Take(expected).Select(p => (Int128)p).ToArray();
        _forcing = program.Parameters.Skip(expected).Select(p => (Int128)p).ToArray();
        _step = program.Step;
        _fixedOne = Int128.One << _fractionBits;
        _startY = EncoderArithmetic.RoundDivide(_fixedOne, 5);
    }

    /// <summary>Output steps T per sample.</summary>
    public int Steps => (int)_program.Samples;

    /// <summary>
    /// Returns the integer operations of one sample with <paramref name="featureCount"/> features. Per feature: the
    /// start (1 multiply, 2 additions); per integration step, Euler (one field, 3 multiplies by h, 3 additions) or
    /// RK4 (four fields, 12 multiplies by h, 6 halvings, 9 additions for the stage inputs, and per state
    /// 5 additions and 1 division for the weighted sum plus 1 addition to the state); per output value
    /// 2 multiplies, 2 additions and 1 division for the interpolation. Reading the forcing table is not counted.
    /// </summary>
    public EncoderOperationCounts CountOperations(int featureCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(featureCount);
        var field = EncoderProgramSystems.FieldOperations(_program.System)!.Value;
        if (_forcing.Length > 0)
        {
            field = field.Plus(new EncoderOperationCounts(Multiplies: 0, Additions: 1, Divisions: 0));
        }

        var step = _rungeKutta4
            ? field.Times(4).Plus(new EncoderOperationCounts(Multiplies: 12, Additions: 6 + 9 + (3 * 6), Divisions: 3))
            : field.Plus(new EncoderOperationCounts(Multiplies: 3, Additions: 3, Divisions: 0));
        var start = new EncoderOperationCounts(Multiplies: 1, Additions: 2, Divisions: 0);
        var sampling = new EncoderOperationCounts(Multiplies: 2, Additions: 2, Divisions: 1).Times(3L * Steps);
        var perFeature = start.Plus(step.Times(_program.IntegrationSteps)).Plus(sampling);
        return perFeature.Times(featureCount);
    }

    /// <summary>Converts a feature in [-1, 1] to the int32 feature format (2^30 per unit), rounding half away from zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or lies outside [-1, 1].</exception>
    public static int ToFeature(double value, int index)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), value, Invariant($"Feature {index} is {value}; features must lie in [-1, 1]. Normalize them first (max-abs)."));
        }

        return (int)Math.Round(Math.ScaleB(value, FeatureFractionBits), MidpointRounding.AwayFromZero);
    }

    /// <summary>Encodes one feature vector (int32, 2^30 per unit) into [T, 3F] int32 values with output_fraction_bits.</summary>
    /// <exception cref="ArgumentException">The feature count differs from the program's, or a feature is outside [-2^30, 2^30].</exception>
    /// <exception cref="OverflowException">A state left the int64 range or an output the int32 range.</exception>
    public int[] Encode(ReadOnlySpan<int> features)
    {
        if (_program.Features != 0 && features.Length != _program.Features)
        {
            throw new ArgumentException(Invariant(
                $"The encoder program takes {_program.Features} features but {features.Length} were given."), nameof(features));
        }

        var steps = Steps;
        var channels = 3 * features.Length;
        var rows = new int[steps * channels];
        for (var f = 0; f < features.Length; f++)
        {
            var trajectory = Trajectory(features[f], f);
            for (var k = 0; k < steps; k++)
            {
                var sample = Sample(trajectory, k, f);
                rows[(k * channels) + (3 * f)] = sample.X;
                rows[(k * channels) + (3 * f) + 1] = sample.Y;
                rows[(k * channels) + (3 * f) + 2] = sample.Z;
            }
        }

        return rows;
    }

    /// <summary>Returns the N + 1 integration points of one feature, each state with fraction_bits.</summary>
    /// <exception cref="OverflowException">A state component left the int64 range, or a product the Int128 range.</exception>
    public EncoderState[] Trajectory(int feature, int featureIndex = 0)
    {
        if (feature is > 1 << FeatureFractionBits or < -(1 << FeatureFractionBits))
        {
            throw new ArgumentException(Invariant(
                $"Feature {featureIndex} is {feature}, outside [-2^30, 2^30] (the values -1 .. 1)."), nameof(feature));
        }

        var x = EncoderArithmetic.RoundShift(feature, FeatureFractionBits - _fractionBits);
        var state = new EncoderState(x, EncoderArithmetic.Multiply(x, _startY, _fractionBits), -x);
        var count = (int)_program.IntegrationSteps;
        var points = new EncoderState[count + 1];
        points[0] = state;
        for (var i = 0; i < count; i++)
        {
            try
            {
                state = _rungeKutta4 ? StepRungeKutta4(state, i) : StepEuler(state, i);
            }
            catch (OverflowException ex)
            {
                throw new OverflowException(Invariant(
                    $"Encoder product exceeded 128 bits in integration step {i + 1} for feature {featureIndex} = {Math.ScaleB((double)feature, -FeatureFractionBits)}; the program's fraction_bits {_fractionBits} leave too little headroom."), ex);
            }

            CheckRange(state, i + 1, feature, featureIndex);
            points[i + 1] = state;
        }

        return points;
    }

    private (int X, int Y, int Z) Sample(EncoderState[] points, int k, int featureIndex)
    {
        // Sample k lies at point position k N / (T - 1) = j + r / (T - 1). The interpolated value is rounded once,
        // straight to output_fraction_bits.
        var intervals = (long)_program.IntegrationSteps;
        var denominator = Steps == 1 ? 1L : Steps - 1L;
        var numerator = k * intervals;
        var j = (int)(numerator / denominator);
        var r = numerator % denominator;
        var left = points[j];
        var right = r == 0 ? left : points[j + 1];
        var divisor = (Int128)denominator << (_fractionBits - (int)_program.OutputFractionBits);
        return (
            Output(EncoderArithmetic.RoundDivide((left.X * denominator) + ((right.X - left.X) * r), divisor), k, 3 * featureIndex),
            Output(EncoderArithmetic.RoundDivide((left.Y * denominator) + ((right.Y - left.Y) * r), divisor), k, (3 * featureIndex) + 1),
            Output(EncoderArithmetic.RoundDivide((left.Z * denominator) + ((right.Z - left.Z) * r), divisor), k, (3 * featureIndex) + 2));
    }

    private static int Output(Int128 value, int step, int channel)
    {
        if (value > int.MaxValue || value < int.MinValue)
        {
            throw new OverflowException(Invariant(
                $"Encoder output {value} at step {step}, channel {channel} does not fit int32; the program's output_fraction_bits are too many for this range."));
        }

        return (int)value;
    }

    private void CheckRange(EncoderState state, int point, int feature, int featureIndex)
    {
        if (Fits(state.X) && Fits(state.Y) && Fits(state.Z))
        {
            return;
        }

        var name = !Fits(state.X) ? "x" : !Fits(state.Y) ? "y" : "z";
        throw new OverflowException(Invariant(
            $"Encoder state {name} left the int64 range at integration point {point} for feature {featureIndex} = {Math.ScaleB((double)feature, -FeatureFractionBits)}; the program's fraction_bits {_fractionBits} leave too little headroom."));
    }

    private static bool Fits(Int128 value) => value <= long.MaxValue && value >= long.MinValue;

    // Step i starts at t_i = i h, which is half step 2i of the forcing table.
    private EncoderState StepEuler(EncoderState state, int i) => state.Add(Scale(Derivative(state, 2 * i)));

    private EncoderState StepRungeKutta4(EncoderState state, int i)
    {
        var k1 = Scale(Derivative(state, 2 * i));
        var k2 = Scale(Derivative(state.Add(Half(k1)), (2 * i) + 1));
        var k3 = Scale(Derivative(state.Add(Half(k2)), (2 * i) + 1));
        var k4 = Scale(Derivative(state.Add(k3), (2 * i) + 2));
        return new EncoderState(
            state.X + Sixth(k1.X, k2.X, k3.X, k4.X),
            state.Y + Sixth(k1.Y, k2.Y, k3.Y, k4.Y),
            state.Z + Sixth(k1.Z, k2.Z, k3.Z, k4.Z));
    }

    private static Int128 Sixth(Int128 k1, Int128 k2, Int128 k3, Int128 k4) =>
        EncoderArithmetic.RoundDivide(k1 + (2 * k2) + (2 * k3) + k4, 6);

    private static EncoderState Half(EncoderState k) =>
        new(EncoderArithmetic.RoundShift(k.X, 1), EncoderArithmetic.RoundShift(k.Y, 1), EncoderArithmetic.RoundShift(k.Z, 1));

    private EncoderState Scale(EncoderState d) => new(Mul(_step, d.X), Mul(_step, d.Y), Mul(_step, d.Z));

    private Int128 Mul(Int128 a, Int128 b) => EncoderArithmetic.Multiply(a, b, _fractionBits);

    /// <summary>Returns the vector field at <paramref name="s"/>; <paramref name="halfStep"/> j is the time j h / 2.</summary>
    private EncoderState Derivative(EncoderState s, int halfStep)
    {
        var p = _parameters;
        var (x, y, z) = (s.X, s.Y, s.Z);
        switch (_program.System)
        {
            case "mixed-oscillator":
            {
                // alpha, beta, gamma, delta, omega, drive. The forcing drive cos(omega t) comes from the table, and an
                // undriven program skips it, as the float system does.
                var dy = -Mul(p[0], x) - Mul(p[1], Mul(Mul(x, x), x)) - Mul(p[3], y) + Mul(p[2], z);
                if (_forcing.Length > 0)
                {
                    dy += _forcing[halfStep];
                }

                return new EncoderState(y, dy, -Mul(p[4], x) - Mul(p[3], z) + Mul(p[2], Mul(x, y)));
            }

            case "lorenz":
                // sigma, rho, beta
                return new EncoderState(Mul(p[0], y - x), Mul(x, p[1] - z) - y, Mul(x, y) - Mul(p[2], z));
            case "chen":
                // a, b, c
                return new EncoderState(Mul(p[0], y - x), Mul(p[2] - p[0], x) - Mul(x, z) + Mul(p[2], y), Mul(x, y) - Mul(p[1], z));
            case "rossler":
                // a, b, c
                return new EncoderState(-y - z, x + Mul(p[0], y), p[1] + Mul(z, x - p[2]));
            case "aizawa":
                return Aizawa(x, y, z);
            case "nose-hoover":
                // a
                return new EncoderState(y, -x - Mul(y, z), Mul(y, y) - p[0]);
            case "chua":
                return Chua(x, y, z);
            default:
                // sprott-c: a
                return new EncoderState(Mul(y, z), x - y, _fixedOne - Mul(p[0], Mul(x, x)));
        }
    }

    private EncoderState Aizawa(Int128 x, Int128 y, Int128 z)
    {
        // a, b, c, d, e, f. z' = c + a z - z^3/3 - (x^2 + y^2)(1 + e z) + f z x^3, where z^3/3 is one rounded
        // division and x^2 is computed once. Each product is of two Q values and below 2^127 (see docs/encoders.md).
        var p = _parameters;
        var zMinusB = z - p[1];
        var xSquared = Mul(x, x);
        var dz = p[2] + Mul(p[0], z) - EncoderArithmetic.RoundDivide(Mul(Mul(z, z), z), 3)
            - Mul(xSquared + Mul(y, y), _fixedOne + Mul(p[4], z)) + Mul(Mul(p[5], z), Mul(xSquared, x));
        return new EncoderState(Mul(zMinusB, x) - Mul(p[3], y), Mul(p[3], x) + Mul(zMinusB, y), dz);
    }

    private EncoderState Chua(Int128 x, Int128 y, Int128 z)
    {
        // a, b, c, m0, m1. The diode g(x) = m1 x + (m0 - m1)(|x + 1| - |x - 1|)/2. The difference |x + 1| - |x - 1|
        // equals 2 clamp(x, -1, 1), an even integer, so halving it is exact.
        var p = _parameters;
        var corner = EncoderArithmetic.RoundShift(Int128.Abs(x + _fixedOne) - Int128.Abs(x - _fixedOne), 1);
        var diode = Mul(p[4], x) + Mul(p[3] - p[4], corner);
        return new EncoderState(Mul(p[0], y - x - diode), x - y + z, -Mul(p[1], y) - Mul(p[2], z));
    }

    private static void CheckForcingTable(EncoderProgram program)
    {
        if (program.IntegrationSteps > EncoderProgramSystems.MaxDrivenIntegrationSteps)
        {
            throw new InvalidDataException(Invariant(
                $"Encoder program for 'mixed-oscillator' has drive != 0 and {program.IntegrationSteps} integration steps; a driven program allows at most {EncoderProgramSystems.MaxDrivenIntegrationSteps}."));
        }

        var expected = 6 + (2L * program.IntegrationSteps) + 1;
        if (program.Parameters.Count != expected)
        {
            throw new InvalidDataException(Invariant(
                $"Encoder program for 'mixed-oscillator' has drive != 0 and {program.Parameters.Count} parameters, expected {expected}: the 6 parameters and the forcing table drive cos(omega t) at the 2N + 1 = {expected - 6} half steps. Build the program again."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
