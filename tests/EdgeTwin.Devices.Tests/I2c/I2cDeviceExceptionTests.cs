using EdgeTwin.Devices.I2c;

namespace EdgeTwin.Devices.Tests.I2c;

public sealed class I2cDeviceExceptionTests
{
    [Fact]
    public void Messages_name_bus_address_and_register_or_command()
    {
        Assert.Equal("I2C bus 1, address 0x76: x", new I2cDeviceException(1, 0x76, null, "x").Message);
        Assert.Equal("I2C bus 0, address 0x48, register 0x01: x", new I2cDeviceException(0, 0x48, 0x01, "x").Message);
        Assert.Equal("I2C bus 1, address 0x44, command 0xF32D: x", new I2cDeviceException(1, 0x44, 0xF32D, "x").Message);
    }

    [Fact]
    public void Family_members_derive_from_the_base_and_keep_their_details()
    {
        var inner = new IOException("Error 121");
        I2cDeviceException[] all =
        [
            new I2cNotRespondingException(1, 0x40, 0x00, inner),
            new I2cWrongChipIdException(1, 0x76, 0xD0, 0x60, 0x58, "BME280"),
            new I2cCrcMismatchException(1, 0x44, 0x2400, 1, 0x92, 0x93),
            new I2cTimeoutException(1, 0x48, 0x01, TimeSpan.FromMilliseconds(20), "OS bit"),
        ];

        Assert.Same(inner, all[0].InnerException);
        Assert.Contains("0x92", all[2].Message);
        Assert.Contains("0x93", all[2].Message);
        Assert.Contains("20 ms", all[3].Message);
        Assert.All(all, e => Assert.StartsWith($"I2C bus 1, address 0x{e.Address:X2}", e.Message));
    }
}
