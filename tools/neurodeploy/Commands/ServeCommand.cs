using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using NeuroDeploy.Compiler.Profiles;
using NeuroDeploy.Runtime.Simulator.Board;

namespace NeuroDeploy.Cli;

/// <summary>
/// <c>neurodeploy serve --transport pty|tcp|grpc [--port N] [--profile NAME]</c>: the simulator as a
/// virtual board until interrupted. The first line of standard output says where it listens.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var transport = new Option<string>("--transport") { Description = "pty (prints the device path), tcp or grpc (print 127.0.0.1:PORT).", DefaultValueFactory = _ => "tcp" };
        var port = new Option<int>("--port") { Description = "TCP port for tcp and grpc; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var profile = new Option<string>("--profile") { Description = "Hardware profile name (or path to a .json profile) the board implements; images for other profiles are rejected.", DefaultValueFactory = _ => "generic" };
        var command = new Command("serve", "Serve the simulator as a virtual board on a pty, TCP or gRPC until interrupted (Ctrl+C).");
        command.Options.Add(transport);
        command.Options.Add(port);
        command.Options.Add(profile);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var kind = result.GetValue(transport) switch
            {
                "pty" => BoardTransport.Pty,
                "tcp" => BoardTransport.Tcp,
                "grpc" => BoardTransport.Grpc,
                var other => throw new UsageException($"--transport {other} is invalid; use pty, tcp or grpc."),
            };
            var portNumber = result.GetValue(port);
            if (portNumber is < 0 or > 65535)
            {
                throw new UsageException($"--port {portNumber} is invalid; use 0 to 65535.");
            }

            // The board only compares profile names, so load the profile here to reject a name
            // that compile would reject too. A path to a .json profile serves under its own name.
            var hardware = HardwareProfile.Load(result.GetValue(profile)!);
            var options = new VirtualBoardOptions { Transport = kind, Port = portNumber, Profile = hardware.Name };

            // The invocation token alone lets SIGTERM kill the process with code 143, so serve
            // handles SIGINT and SIGTERM itself and stops with exit code 0.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            try
            {
                await VirtualBoardServer.ServeAsync(options, where =>
                {
                    Console.Out.WriteLine(where);
                    Console.Out.Flush();
                }, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM ends the server normally.
            }
            catch (PortInUseException error)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"port {error.Port} on 127.0.0.1 is already in use; choose another --port or 0 for a free one."), error);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
