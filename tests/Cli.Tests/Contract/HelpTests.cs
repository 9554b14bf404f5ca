using System.CommandLine;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary><c>--help</c> of the program and of each command lists the contract's options, each with a description.</summary>
public sealed class HelpTests
{
    public static TheoryData<string, string[]> ContractOptions => new()
    {
        { "compile", ["--dt", "--convention", "--reset", "--profile", "--output", "-o"] },
        { "inspect", ["--json"] },
        { "run", ["--target", "--input", "--encoder", "--normalize", "--float", "--record", "--output", "--dt", "--convention", "--reset", "--profile", "--lenient"] },
        { "encode", ["--encoder", "--input", "--normalize", "--output"] },
        { "eval", ["--dataset", "--limit", "--target", "--output", "--dt"] },
    };

    [Fact]
    public void RootHelpListsCommands()
    {
        var result = ContractCli.Run(Path.GetTempPath(), "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var command in new[] { "compile", "inspect", "run", "encode", "eval", "dynamics", "sweep" })
        {
            Assert.Contains($"  {command}", result.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ContractOptions))]
    public void CommandHelpListsOptions(string command, string[] options)
    {
        var result = ContractCli.Run(Path.GetTempPath(), command, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.StandardError);
        foreach (var option in options)
        {
            var listed = result.StandardOutput.Contains(option + " ", StringComparison.Ordinal)
                || result.StandardOutput.Contains(option + ",", StringComparison.Ordinal);
            Assert.True(listed, $"{command} --help does not list {option}");
        }
    }

    [Fact]
    public void EveryOptionHasDescription()
    {
        foreach (var command in Commands())
        {
            foreach (var option in command.Options)
            {
                Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{command.Name} {option.Name} has no description");
            }

            foreach (var argument in command.Arguments)
            {
                Assert.False(string.IsNullOrWhiteSpace(argument.Description), $"{command.Name} {argument.Name} has no description");
            }
        }
    }

    [Theory]
    [InlineData("compile", "--dt", "seconds")]
    [InlineData("run", "--dt", "seconds")]
    [InlineData("eval", "--dt", "seconds")]
    [InlineData("eval", "--limit", "samples")]
    [InlineData("run", "--input-bound", "in the input's own units")]
    [InlineData("run", "--normalize", "|value|")]
    [InlineData("encode", "--output", "float32 [B, T, C]")]
    [InlineData("run", "--record", "per-step v and spikes of sample 0")]
    public void NumericOptionsStateUnit(string commandName, string optionName, string unit)
    {
        var command = Commands().Single(c => c.Name == commandName);

        var option = command.Options.Single(o => o.Name == optionName);

        Assert.Contains(unit, option.Description, StringComparison.Ordinal);
    }

    private static Command[] Commands() =>
    [
        CompileCommand.Create(), InspectCommand.Create(), RunCommand.Create(), EncodeCommand.Create(), EvalCommand.Create(),
        DynamicsCommand.Create(), SweepCommand.Create(),
    ];
}
