using System.CommandLine;
using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Pipeline;

namespace NeuroDeploy.Cli;

/// <summary>The options shared by <c>compile</c>, <c>run</c>, <c>eval</c> and others that compile a NIR file.</summary>
public sealed class CompileArguments
{
    public Option<double?> Dt { get; } = new("--dt")
    {
        Description = "Simulation time step in seconds (required unless the NIR file states it), e.g. 1e-4.",
    };

    public Option<string> Convention { get; } = new("--convention")
    {
        Description = "Discretization convention: snntorch, norse, exact, rockpool, sinabs or lava (see docs/conventions.md).",
        DefaultValueFactory = _ => "snntorch",
    };

    public Option<string?> Reset { get; } = new("--reset")
    {
        Description = "Reset where the file does not state it: zero, subtract (snnTorch convention: next-step rule), subtract-next-step or subtract-guarded.",
    };

    public Option<string> Profile { get; } = new("--profile")
    {
        Description = "Hardware profile name (a file in profiles/) or path to a profile .json.",
        DefaultValueFactory = _ => "generic",
    };

    public Option<bool> Lenient { get; } = new("--lenient")
    {
        Description = "Repair unambiguous defects (such as a dangling edge in a nested graph) and report each repair.",
    };

    public Option<bool> GradedInput { get; } = new("--graded-input")
    {
        Description = "The input carries real values (an encoder's output) rather than spike counts.",
    };

    public Option<double?> InputBound { get; } = new("--input-bound")
    {
        Description = "Largest |value| of graded input, in the input's own units; sets the input format's fraction bits (default 1, or the encoder's trajectory bound).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Dt);
        command.Options.Add(Convention);
        command.Options.Add(Reset);
        command.Options.Add(Profile);
        command.Options.Add(Lenient);
        command.Options.Add(GradedInput);
        command.Options.Add(InputBound);
    }

    public CompileOptions Read(ParseResult result, bool gradedInput, double inputBound)
    {
        var convention = result.GetValue(Convention) ?? "snntorch";
        var reset = result.GetValue(Reset);
        if (result.GetValue(InputBound) is { } bound && !(bound > 0 && double.IsFinite(bound)))
        {
            throw new UsageException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"--input-bound {bound} is invalid; give the largest |value| of the graded input, a positive finite number."));
        }

        return new CompileOptions
        {
            Dt = result.GetValue(Dt),
            Convention = convention,
            Reset = ParseReset(reset, convention),
            Profile = result.GetValue(Profile) ?? "generic",
            Lenient = result.GetValue(Lenient),
            GradedInput = gradedInput || result.GetValue(GradedInput),
            InputBound = result.GetValue(InputBound) ?? inputBound,
        };
    }

    /// <summary>Maps <c>--reset</c> to a rule; with the snnTorch convention, subtract means snnTorch's next-step rule.</summary>
    public static ResetRule? ParseReset(string? text, string convention) => text switch
    {
        null or "" => null,
        "zero" => ResetRule.Zero,
        "subtract" when string.Equals(convention, "snntorch", StringComparison.Ordinal) => ResetRule.SubtractNextStep,
        "subtract" => ResetRule.Subtract,
        "subtract-next-step" => ResetRule.SubtractNextStep,
        "subtract-guarded" => ResetRule.SubtractGuardedRefire,
        _ => throw new UsageException(
            $"--reset {text} is invalid; use zero, subtract, subtract-next-step or subtract-guarded (see docs/conventions.md)."),
    };
}
