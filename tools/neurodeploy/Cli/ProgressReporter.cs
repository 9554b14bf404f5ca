using Spectre.Console;

namespace NeuroDeploy.Cli;

/// <summary>Shows a progress bar on standard error while long work runs, only when it is a terminal.</summary>
public static class ProgressReporter
{
    /// <summary>Runs work that reports how many of <paramref name="total"/> items are done, with a bar when shown.</summary>
    public static T RunWithBar<T>(string description, int total, Func<Action<int>?, T> work, bool show)
    {
        if (!show || Console.IsErrorRedirected)
        {
            return work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: total);
                return work(done => task.Value = done);
            });
    }
}
