using System.CommandLine;
using NeuroDeploy.Cli;

var root = new RootCommand(
    "neurodeploy: compile spiking neural networks (NIR) to fixed-point images and run them on neuromorphic boards or the simulator.");
root.Subcommands.Add(CompileCommand.Create());
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(EncodeCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(FlashCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(DevicesCommand.Create());
root.Subcommands.Add(DynamicsCommand.Create());
root.Subcommands.Add(SweepCommand.Create());
root.Subcommands.Add(ExportCommand.Create());

// Tables printed into a file or pipe keep whole numbers and names instead of wrapping at 80 columns.
if (Console.IsOutputRedirected)
{
    Spectre.Console.AnsiConsole.Profile.Width = 200;
}

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine("error: " + error.Message);
    }

    Console.Error.WriteLine("Run 'neurodeploy --help' or 'neurodeploy COMMAND --help' for usage.");
    return ExitCodes.BadInput;
}

return await parsed.InvokeAsync();
