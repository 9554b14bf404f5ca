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
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
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

    private static bool IsBadInput(Exception ex) => ex is UsageException
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
