using NeuroDeploy.Runtime.Host.Transport;
using NeuroDeploy.Runtime.Host.Usb;

namespace NeuroDeploy.Runtime.Tests.Transport;

public sealed class TargetFactoryTests
{
    public static TheoryData<string, string> BadUris => new()
    {
        { string.Empty, "the URI is empty" },
        { "   ", "the URI is empty" },
        { "ftp://127.0.0.1:21", "unknown scheme \"ftp\"" },
        { "/dev/ttyACM0", "unknown scheme \"/dev/ttyacm0\"" },
        { "sim:", "unknown scheme \"sim:\"" },
        { "serial://", "needs a device path" },
        { "serial:///", "needs a device path" },
        { "serial://host/dev/ttyACM0", "needs a device path" },
        { "serial:///dev/ttyACM0?baud=fast", "baud \"fast\" is not a positive integer" },
        { "serial:///dev/ttyACM0?baud=0", "baud \"0\" is not a positive integer" },
        { "serial:///dev/ttyACM0?baud=-9600", "baud \"-9600\" is not a positive integer" },
        { "serial:///dev/ttyACM0?baud=", "baud \"\" is not a positive integer" },
        { "serial:///dev/ttyACM0?baud=99999999999", "baud \"99999999999\" is not a positive integer" },
        { "tcp://127.0.0.1", "needs a host and a port" },
        { "tcp://127.0.0.1:0", "needs a host and a port" },
        { "tcp://127.0.0.1:70000", "is not a valid URI" },
        { "tcp://127.0.0.1:port", "is not a valid URI" },
        { "tcp://", "needs a host and a port" },
        { "tcp://:7000", "is not a valid URI" },
        { "grpc://localhost", "needs a host and a port" },
        { "usb://", "\"\" is not VID:PID" },
        { "usb://1209", "\"1209\" is not VID:PID" },
        { "usb://12G9:0001", "\"12G9:0001\" is not VID:PID" },
        { "usb://1209:00001", "\"1209:00001\" is not VID:PID" },
        { "usb://+209:0001", "\"+209:0001\" is not VID:PID" },
        { "usb://1209:0001:0002", "\"1209:0001:0002\" is not VID:PID" },
        { "usb://1209:0001/", "the serial number after the slash is empty" },
    };

    [Theory]
    [MemberData(nameof(BadUris))]
    public void BadUriListsAcceptedForms(string uri, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => TargetFactory.Open(uri));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("Accepted forms: " + TargetFactory.AcceptedForms, error.Message, StringComparison.Ordinal);
        Assert.Equal("uri", error.ParamName);
    }

    [Fact]
    public void NullUriListsAcceptedForms()
    {
        var error = Assert.Throws<ArgumentException>(() => TargetFactory.Open(null!));
        Assert.Contains("the URI is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains(TargetFactory.AcceptedForms, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sim://")]
    [InlineData("SIM://?profile=generic")]
    [InlineData("serial:///dev/ttyACM0")]
    [InlineData("serial:///dev/ttyACM0?baud=115200")]
    [InlineData("tcp://127.0.0.1:7000")]
    [InlineData("tcp://[::1]:7000")]
    [InlineData("grpc://127.0.0.1:50051")]
    [InlineData("usb://1209:0001")]
    [InlineData("usb://1209:ABCD")]
    [InlineData("usb://ffff:ffff/SN-42")]
    public async Task ValidUriOpensWithoutConnecting(string uri)
    {
        await using var target = TargetFactory.Open(uri);
        Assert.NotNull(target);
    }

    [Theory]
    [InlineData("usb://1209:ABCD", "usb:1209:abcd")]
    [InlineData("usb://1209:ABCD/SN-42", "usb:1209:abcd/SN-42")]
    [InlineData("usb://1209:0001", "usb:1209:0001")]
    [InlineData("usb://1209:0001/SN%2042", "usb:1209:0001/SN%2042")]
    public async Task UsbTargetKeepsIds(string uri, string expected)
    {
        await using var target = TargetFactory.Open(uri);
        Assert.Equal(expected, Assert.IsType<BoardTarget>(target).Uri.OriginalString);
    }

    [Theory]
    [InlineData("usb://1209:0001", 0x1209, 0x0001, null)]
    [InlineData("usb://1209:ABCD/SN%2042", 0x1209, 0xABCD, "SN 42")]
    [InlineData("USB://abcd:00ff/x", 0xABCD, 0x00FF, "x")]
    public void UsbSelectorParses(string uri, int vendor, int product, string? serial)
    {
        var selector = UsbDeviceSelector.Parse(uri);
        Assert.Equal((ushort)vendor, selector.VendorId);
        Assert.Equal((ushort)product, selector.ProductId);
        Assert.Equal(serial, selector.SerialNumber);
    }
}
