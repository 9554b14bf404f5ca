using NeuroDeploy.Compiler;
using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Data;
using NeuroDeploy.Encoders;

namespace NeuroDeploy.Cli;

/// <summary>
/// Runs a command body and turns exceptions into one clear message and an exit code: 2 for bad
/// input or arguments, 1 for failures while running.
/// </summary>
public static class CommandRunner
{
    public static int Run(Func<int> body) => RunAsync(() => Task.FromResult(body())).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsBadInput(ex))
        {
            await Console.Error.WriteLineAsync("error: " + MessageOf(ex)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// Returns the exception's message without the parameter name and actual value that .NET appends
    /// to argument exceptions, because those name library parameters, not command-line options.
    /// </summary>
    public static string MessageOf(Exception ex)
    {
        var message = ex.Message;
        if (ex is ArgumentOutOfRangeException { ActualValue: not null })
        {
            var actual = message.LastIndexOf(Environment.NewLine + "Actual value was ", StringComparison.Ordinal);
            message = actual >= 0 ? message[..actual] : message;
        }

        if (ex is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            message = message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
        }

        return message;
    }

    private static bool IsBadInput(Exception ex) => ex is UsageException
        or FormatException
        or NirFormatException
        or LoweringException
        or CompileException
        or DataFormatException
        or EncoderDivergedException
        or FileNotFoundException
        or DirectoryNotFoundException
        or InvalidDataException
        or ArgumentException;
}
