using System.Text.Json;

namespace NeuroDeploy.Cli;

/// <summary>JSON settings of every file and printout the CLI writes.</summary>
public static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true };
}
