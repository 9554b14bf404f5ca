using System.Globalization;
using NeuroDeploy.Compiler.Quantization;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Compiler.Encoding;

/// <summary>
/// Builds the fixed-point <see cref="EncoderProgram"/> of a dynamical encoder: parameters and step as integers with
/// one shared number of fraction bits Q, chosen so that every state of the float trajectories from starts in
/// [-1, 1] fits int64 with 2 bits of headroom. The rules are in docs/encoders.md, "Fixed-point encoder programs".
/// </summary>
public static class EncoderProgramBuilder
{
    /// <summary>Largest Q: more bits add no accuracy that a float64 reference could confirm.</summary>
    public const int MaxFractionBits = 48;

    /// <summary>Smallest Q accepted: below it the step h and the parameters lose too much precision.</summary>
    public const int MinFractionBits = 24;

    /// <summary>Bits kept free above the largest float state, so the fixed-point error cannot reach the int64 limit.</summary>
    public const int HeadroomBits = 2;

    private static readonly string[] StateNames = ["x", "y", "z"];

    /// <summary>Returns Q for the given per-state bounds: 62 - headroom - ceil(log2(max + 1)), at most <see cref="MaxFractionBits"/>.</summary>
    public static int ChooseFractionBits(IReadOnlyList<double> integratedMax)
    {
        ArgumentNullException.ThrowIfNull(integratedMax);
        var largest = integratedMax.Max();
        return Math.Min(MaxFractionBits, 62 - HeadroomBits - (int)Math.Ceiling(Math.Log2(largest + 1)));
    }

    /// <summary>Builds the program.</summary>
    /// <exception cref="CompileException">
    /// The system or a setting is not supported, or a state's range leaves fewer than <see cref="MinFractionBits"/>
    /// fraction bits (the message names the state and the start value).
    /// </exception>
    public static EncoderProgram Build(EncoderProgramRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var names = EncoderProgramLayout.ParameterNames(request.System) ?? throw new CompileException(
            $"Encoder '{request.Spec}': system '{request.System}' has no on-board program yet; supported: "
            + string.Join(", ", EncoderProgramLayout.Systems) + ". Run this encoder on the host instead.");
        if (request.Parameters.Count != names.Count)
        {
            throw new CompileException(Invariant(
                $"Encoder '{request.Spec}': {request.Parameters.Count} parameters given, {request.System} takes {names.Count} ({string.Join(", ", names)})."));
        }

        var driven = EncoderProgramLayout.IsDriven(request.System, request.Parameters);
        if (driven && request.IntegrationSteps > EncoderProgramLayout.MaxDrivenIntegrationSteps)
        {
            throw new CompileException(Invariant(
                $"Encoder '{request.Spec}': drive != 0 stores drive cos(omega t) for every half step, and {request.IntegrationSteps} integration steps exceed the limit of {EncoderProgramLayout.MaxDrivenIntegrationSteps}. Shorten tmax, enlarge h, or run the encoder on the host."));
        }

        var fractionBits = ChooseFractionBits(request.IntegratedMax);
        if (fractionBits < MinFractionBits)
        {
            var worst = IndexOfMax(request.IntegratedMax);
            throw new CompileException(Invariant(
                $"Encoder '{request.Spec}': state {StateNames[worst]} reaches |{StateNames[worst]}| = {request.IntegratedMax[worst]:G6} from start v = {request.PeakStarts[worst]:G6}, which leaves {fractionBits} fraction bits in int64 (at least {MinFractionBits} needed). Shorten tmax or choose a less expansive setting."));
        }

        if (request.OutputFractionBits < 0 || request.OutputFractionBits > fractionBits)
        {
            throw new CompileException(Invariant(
                $"Encoder '{request.Spec}': output fraction bits {request.OutputFractionBits} must lie in 0 .. {fractionBits} (the program's state fraction bits)."));
        }

        var program = new EncoderProgram
        {
            Spec = request.Spec,
            System = request.System,
            Method = request.Method,
            FractionBits = (uint)fractionBits,
            Step = ToFixed(request.StepSize, fractionBits, "h", request.Spec),
            IntegrationSteps = (uint)request.IntegrationSteps,
            Samples = (uint)request.Samples,
            Features = (uint)request.Features,
            OutputFractionBits = (uint)request.OutputFractionBits,
            Normalize = request.Normalize,
        };
        for (var i = 0; i < names.Count; i++)
        {
            program.Parameters.Add(ToFixed(request.Parameters[i], fractionBits, names[i], request.Spec));
        }

        if (driven)
        {
            AddForcingTable(program, request, fractionBits);
        }

        if (program.Step <= 0)
        {
            throw new CompileException(Invariant(
                $"Encoder '{request.Spec}': h = {request.StepSize} rounds to 0 with {fractionBits} fraction bits; use a larger h."));
        }

        return program;
    }

    /// <summary>
    /// Appends <c>drive cos(omega t_j)</c> for j = 0 .. 2N, rounded to Q. Even j = 2i is t_i = i h and odd j = 2i + 1
    /// is i h + h/2, the times at which the float RK4 evaluates the field, so each value is the float forcing rounded
    /// once.
    /// </summary>
    private static void AddForcingTable(EncoderProgram program, EncoderProgramRequest request, int fractionBits)
    {
        var omega = request.Parameters[4];
        var drive = request.Parameters[5];
        var h = request.StepSize;
        var length = EncoderProgramLayout.ForcingTableLength(request.IntegrationSteps);
        for (var j = 0; j < length; j++)
        {
            var time = (j / 2) * h;
            if (j % 2 == 1)
            {
                time += h / 2;
            }

            program.Parameters.Add(ToFixed(drive * Math.Cos(omega * time), fractionBits, "drive cos(omega t)", request.Spec));
        }
    }

    private static long ToFixed(double value, int fractionBits, string name, string spec)
    {
        var scaled = Math.ScaleB(value, fractionBits);
        if (!double.IsFinite(scaled) || Math.Abs(scaled) >= Math.ScaleB(1.0, 62))
        {
            throw new CompileException(Invariant(
                $"Encoder '{spec}': parameter {name} = {value} does not fit int64 with {fractionBits} fraction bits."));
        }

        return FixedPoint.Round(scaled);
    }

    private static int IndexOfMax(IReadOnlyList<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
