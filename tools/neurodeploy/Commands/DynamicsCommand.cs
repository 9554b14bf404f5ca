using System.CommandLine;
using System.Globalization;
using NeuroDeploy.Encoders;
using NeuroDeploy.Encoders.Dynamics;
using Spectre.Console;

namespace NeuroDeploy.Cli;

/// <summary>
/// <c>neurodeploy dynamics SPEC [--json] [--output FILE]</c>: prints the Lyapunov spectrum, phase-space volume
/// rate, mode, finite-time exponents and trajectory range of a dynamical encoder.
/// </summary>
public static class DynamicsCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "Dynamical encoder SPEC, e.g. mixed-oscillator:delta=2." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table." };
        var output = new Option<string?>("--output", "-o") { Description = "Also write the report's JSON to this file." };
        var command = new Command("dynamics", "Report the Lyapunov spectrum, volume rate and mode (dissipative or expansive) of a dynamical encoder.");
        command.Arguments.Add(spec);
        command.Options.Add(json);
        command.Options.Add(output);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var report = Compute(result.GetValue(spec)!);
            var text = report.ToJson();
            if (result.GetValue(output) is { } path)
            {
                AtomicFile.WriteAllText(path, text);
            }

            if (result.GetValue(json))
            {
                Console.WriteLine(text);
            }
            else
            {
                Print(report);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Parses the SPEC and computes its report with the default <see cref="DynamicsOptions"/>.</summary>
    /// <exception cref="UsageException">The SPEC is invalid or names a classical encoder.</exception>
    public static DynamicsReport Compute(string text)
    {
        EncoderSpec parsed;
        try
        {
            parsed = EncoderSpec.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        if (EncoderFactory.Create(parsed) is not DynamicalEncoder)
        {
            throw new UsageException(
                $"Encoder '{parsed.Name}' emits spikes and has no dynamics to report. Use one of: "
                + string.Join(", ", EncoderCatalog.DynamicalNames) + ".");
        }

        return DynamicsReport.Compute(parsed);
    }

    private static void Print(DynamicsReport report)
    {
        var table = new Table().AddColumns("quantity", "value");
        AddRow(table, "encoder", report.Encoder);
        AddRow(table, "Lyapunov exponents", Format(report.Lyapunov));
        AddRow(table, "exponents from", (string.Equals(report.LyapunovSource, "long-run", StringComparison.Ordinal)
            ? Invariant($"long run from v = {report.LongRunStart[0]:G4}: {report.LongRunTransient:G4} transient + {report.LongRunDuration:G4} averaged, RK4 at the encoder's h, re-orthonormalised every {report.RenormEvery} steps")
            : Invariant($"finite-time average (the long run diverged at t = {report.LongRunDivergedAt:G4})")));
        AddRow(table, "volume rate (sum)", Number(report.VolumeRate));
        AddRow(table, "analytic divergence", report.AnalyticDivergence is { } divergence ? Number(divergence) : "not constant");
        AddRow(table, "mode", Invariant($"{report.Mode} (tolerance {report.ModeTolerance:G3})"));
        AddRow(
            table,
            Invariant($"finite-time exponents over [0, {report.FiniteTimeHorizon:G4}]"),
            report.FiniteTimeLyapunov.Length == 0 ? "none (every start diverged)" : Format(report.FiniteTimeLyapunov));
        AddRow(table, "grid starts", Invariant($"{report.GridPoints} in [-1, 1], {report.DivergedStarts} diverged"));
        if (report.TrajectoryRange is { } range)
        {
            AddRow(table, "x range", Invariant($"[{range.X.Min:G6}, {range.X.Max:G6}]"));
            AddRow(table, "y range", Invariant($"[{range.Y.Min:G6}, {range.Y.Max:G6}]"));
            AddRow(table, "z range", Invariant($"[{range.Z.Min:G6}, {range.Z.Max:G6}]"));
        }

        AnsiConsole.Write(table);
    }

    private static void AddRow(Table table, string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

    private static string Format(double[] values) => "[" + string.Join(", ", values.Select(Number)) + "]";

    private static string Number(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
