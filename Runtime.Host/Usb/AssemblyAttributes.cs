using System.Runtime.CompilerServices;

// The transport tests check the libusb SafeHandles (LibUsbContextHandle, LibUsbDeviceHandle) directly.
[assembly: InternalsVisibleTo("NeuroDeploy.Runtime.Tests")]
