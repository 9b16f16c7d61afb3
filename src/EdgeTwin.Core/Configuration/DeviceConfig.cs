using EdgeTwin.Core.Points;

namespace EdgeTwin.Core.Configuration;

/// <summary>One data source: exactly one of the protocol sections is set.</summary>
public sealed record DeviceConfig
{
    /// <summary>Device id, unique in the gateway; [A-Za-z0-9_-].</summary>
    public required string Id { get; init; }

    /// <summary>Default poll interval of the device's points.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Where in the poll interval the device polls after its first poll; null (<c>auto</c>): spread from the other
    /// devices' (<see cref="Sources.PollPhase"/>).
    /// </summary>
    public TimeSpan? PollOffset { get; init; }

    /// <summary>Timeout of one request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of a failed request before the cycle marks points bad.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>Longest back-off between reconnect attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Modbus TCP / RTU / RTU-over-TCP.</summary>
    public ModbusDeviceConfig? Modbus { get; init; }

    /// <summary>OPC UA server.</summary>
    public OpcUaDeviceConfig? OpcUa { get; init; }

    /// <summary>I2C sensor on the gateway.</summary>
    public I2cDeviceConfig? I2c { get; init; }

    /// <summary>GPIO chip on the gateway.</summary>
    public GpioDeviceConfig? Gpio { get; init; }

    /// <summary>The device's points.</summary>
    public IReadOnlyList<PointConfig> Points { get; init; } = [];
}

/// <summary>How Modbus frames travel.</summary>
public enum ModbusFraming
{
    /// <summary>Modbus TCP (MBAP header).</summary>
    Tcp,
    /// <summary>Modbus RTU on a serial line.</summary>
    Rtu,
    /// <summary>RTU frames tunnelled over TCP (serial gateways).</summary>
    RtuOverTcp,
}

/// <summary>Modbus connection of a device.</summary>
public sealed record ModbusDeviceConfig
{
    /// <summary>TCP host (Tcp, RtuOverTcp).</summary>
    public string? Host { get; init; }

    /// <summary>TCP port.</summary>
    public int Port { get; init; } = 502;

    /// <summary>Default unit id of the device's points.</summary>
    public byte Unit { get; init; } = 1;

    /// <summary>Framing; Rtu when <see cref="Serial"/> is set.</summary>
    public ModbusFraming Framing { get; init; } = ModbusFraming.Tcp;

    /// <summary>Serial port (Rtu), e.g. /dev/ttyUSB0.</summary>
    public string? Serial { get; init; }

    /// <summary>Baud rate.</summary>
    public int Baud { get; init; } = 9600;

    /// <summary>none, even, odd.</summary>
    public string Parity { get; init; } = "none";

    /// <summary>Data bits.</summary>
    public int DataBits { get; init; } = 8;

    /// <summary>Stop bits (1 or 2).</summary>
    public int StopBits { get; init; } = 1;

    /// <summary>Largest gap (registers or bits) bridged when merging points into one read.</summary>
    public int MaxGap { get; init; } = 8;

    /// <summary>Most registers per read request (the protocol allows 125).</summary>
    public int MaxRegisters { get; init; } = 125;

    /// <summary>Most bits per read request (the protocol allows 2000).</summary>
    public int MaxBits { get; init; } = 2000;

    /// <summary>
    /// Read requests kept outstanding on the connection (Modbus TCP framing only), matched to answers by transaction
    /// id; 1 sends one at a time (safe with every device).
    /// </summary>
    public int Pipeline { get; init; } = 1;
}

/// <summary>OPC UA connection of a device.</summary>
public sealed record OpcUaDeviceConfig
{
    /// <summary>opc.tcp:// endpoint URL.</summary>
    public required string Endpoint { get; init; }

    /// <summary>None, Basic256Sha256, Aes128_Sha256_RsaOaep.</summary>
    public string SecurityPolicy { get; init; } = "None";

    /// <summary>None, Sign, SignAndEncrypt.</summary>
    public string SecurityMode { get; init; } = "None";

    /// <summary>User name; anonymous when null.</summary>
    public string? Username { get; init; }

    /// <summary>File holding the password.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>Accept an untrusted server certificate (off by default).</summary>
    public bool AutoAcceptServerCertificate { get; init; }

    /// <summary>Folder of the certificate stores (own, trusted, rejected).</summary>
    public string? Pki { get; init; }

    /// <summary>Default publishing interval of subscriptions.</summary>
    public TimeSpan PublishingInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>An I2C sensor.</summary>
/// <param name="Bus">I2C bus number (/dev/i2c-N).</param>
/// <param name="Address">7-bit address.</param>
/// <param name="Chip">bme280, sht3x, sht4x, ads1115, ina219, generic.</param>
/// <param name="Settings">Chip-specific settings (oversampling, gain, shunt, ...), validated by the driver mapping.</param>
public sealed record I2cDeviceConfig(int Bus, int Address, string Chip, IReadOnlyDictionary<string, string> Settings);

/// <summary>A GPIO chip.</summary>
/// <param name="Chip">gpiochip number.</param>
public sealed record GpioDeviceConfig(int Chip);
