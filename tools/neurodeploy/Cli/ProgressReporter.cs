using Spectre.Console;

namespace NeuroDeploy.Cli;

/// <summary>Shows a spinner on standard error while long work runs, only when it is a terminal.</summary>
public static class ProgressReporter
{
    public static T Run<T>(string description, Func<T> work, bool show)
    {
        if (!show || Console.IsErrorRedirected)
        {
            return work();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Status().Start(description, _ => work());
    }
}
