using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NeuroDeploy.Runtime.Simulator.Board;

/// <summary>
/// A pseudo-terminal pair from <c>openpty(3)</c> with the slave in raw mode, so a serial
/// port opened on <see cref="SlavePath"/> talks to whoever reads and writes
/// <see cref="Master"/>. Linux with glibc only. The pair keeps its own slave descriptor
/// open, so reads of the master block (instead of failing with EIO) while no host has the
/// slave open.
/// </summary>
public sealed partial class PseudoTerminal : IDisposable
{
    // struct termios is 60 bytes on x86-64 and aarch64 glibc; the buffer leaves room.
    private const int TermiosSize = 256;
    private const int TcsaNow = 0;
    private const string LibC = "libc.so.6";

    private readonly SafeFileHandle _slave;

    private PseudoTerminal(SafeFileHandle master, SafeFileHandle slave, string slavePath)
    {
        Master = master;
        _slave = slave;
        SlavePath = slavePath;
    }

    /// <summary>Device path of the slave side, such as /dev/pts/3.</summary>
    public string SlavePath { get; }

    /// <summary>The master side; the virtual board reads and writes it.</summary>
    public SafeFileHandle Master { get; }

    /// <summary>Opens a new pair and puts the slave in raw mode.</summary>
    public static PseudoTerminal Open()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The pty transport needs Linux (openpty from glibc); use the tcp or grpc transport on this system.");
        }

        var fds = Marshal.AllocHGlobal(2 * sizeof(int));
        var termios = Marshal.AllocHGlobal(TermiosSize);
        var name = Marshal.AllocHGlobal(256);
        try
        {
            Check(OpenPty(fds, fds + sizeof(int), 0, 0, 0), "openpty");
            var master = new SafeFileHandle(Marshal.ReadInt32(fds), ownsHandle: true);
            var slave = new SafeFileHandle(Marshal.ReadInt32(fds, sizeof(int)), ownsHandle: true);
            var slaveFd = (int)slave.DangerousGetHandle();
            Check(TcGetAttr(slaveFd, termios), "tcgetattr");
            CfMakeRaw(termios);
            Check(TcSetAttr(slaveFd, TcsaNow, termios), "tcsetattr");
            Check(PtsNameR((int)master.DangerousGetHandle(), name, 256), "ptsname_r");
            var path = Marshal.PtrToStringUTF8(name) ?? throw new IOException("ptsname_r returned no path for the pty.");
            return new PseudoTerminal(master, slave, path);
        }
        finally
        {
            Marshal.FreeHGlobal(fds);
            Marshal.FreeHGlobal(termios);
            Marshal.FreeHGlobal(name);
        }
    }

    /// <summary>Returns a stream over the master side.</summary>
    public Stream OpenMasterStream() => new FileStream(Master, FileAccess.ReadWrite, bufferSize: 0, isAsync: false);

    /// <summary>Writes to the slave side, which the master reads; used to wake a blocked read at shutdown.</summary>
    public void WriteToSlave(ReadOnlySpan<byte> data)
    {
        using var stream = new FileStream(new SafeFileHandle(_slave.DangerousGetHandle(), ownsHandle: false), FileAccess.Write, bufferSize: 0);
        stream.Write(data);
    }

    public void Dispose()
    {
        _slave.Dispose();
        Master.Dispose();
    }

    private static void Check(int result, string function)
    {
        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(function + " failed: " + new Win32Exception(errno).Message + " (errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture) + ").");
        }
    }

    [LibraryImport(LibC, EntryPoint = "openpty", SetLastError = true)]
    private static partial int OpenPty(nint master, nint slave, nint name, nint termios, nint windowSize);

    [LibraryImport(LibC, EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int TcGetAttr(int fd, nint termios);

    [LibraryImport(LibC, EntryPoint = "cfmakeraw")]
    private static partial void CfMakeRaw(nint termios);

    [LibraryImport(LibC, EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int TcSetAttr(int fd, int optionalActions, nint termios);

    [LibraryImport(LibC, EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsNameR(int fd, nint buffer, nuint length);
}
