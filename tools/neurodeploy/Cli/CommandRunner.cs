using NeuroDeploy.Compiler;
using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Data;
using NeuroDeploy.Encoders;
using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Messages;

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
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1 && IsBadInput(ex.InnerException!))
        {
            // Parallel loops wrap the one failing sample's exception.
            await Console.Error.WriteLineAsync("error: " + MessageOf(ex.InnerException!)).ConfigureAwait(false);
            return ExitCodes.BadInput;
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
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or NotSupportedException
            or BoardException or System.Net.Sockets.SocketException)
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

    /// <summary>
    /// Board rejections caused by the user's input count as bad input: an image for another profile or
    /// protocol, a corrupt image, or input that does not fit. Other rejections (busy, link trouble) are failures.
    /// </summary>
    private static bool IsBadInput(Exception ex) => ex is BoardException
    {
        Code: ErrorCode.VersionMismatch or ErrorCode.ProfileMismatch or ErrorCode.DigestMismatch or ErrorCode.InvalidImage
            or ErrorCode.InvalidInput or ErrorCode.TooLarge or ErrorCode.NoImage,
    }
        or UsageException
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
