using EdgeTwin.Acquisition.Modbus;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Acquisition.Tests.Modbus;

/// <summary>Writes in engineering units: scale/offset back to raw, every order, FC5/FC6/FC16, read-back.</summary>
public sealed class ModbusWriteTests : IAsyncLifetime
{
    private static readonly WriteRule Verified = new(null, null, null, VerifyReadBack: true);
    private readonly ModbusMemoryStore _store = new();
    private ModbusUnitMemory _memory = null!;
    private ModbusTcpServer _server = null!;
    private DeviceHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _memory = _store.AddUnit(1, new ModbusUnitMemory(coils: 20, discreteInputs: 20, holdingRegisters: 100, inputRegisters: 20));
        _server = new ModbusTcpServer(_store);
        await _server.StartAsync();
        var points = new[]
        {
            DeviceHarness.Point("setpoint", ModbusTable.Holding, 0, PointType.UInt16, scale: 0.1, offset: -10, writable: Verified),
            DeviceHarness.Point("flow", ModbusTable.Holding, 2, PointType.Float32, WordOrder.CDAB, writable: Verified),
            DeviceHarness.Point("total", ModbusTable.Holding, 4, PointType.Int32, WordOrder.BADC, scale: 2),
            DeviceHarness.Point("energy", ModbusTable.Holding, 6, PointType.Float64, WordOrder.DCBA),
            DeviceHarness.Point("big", ModbusTable.Holding, 10, PointType.UInt64),
            DeviceHarness.Point("offset16", ModbusTable.Holding, 14, PointType.Int16),
            DeviceHarness.Point("pump", ModbusTable.Coil, 5, PointType.Bool, writable: Verified),
            DeviceHarness.Point("flag3", ModbusTable.Holding, 20, PointType.Bool, bit: 3, writable: Verified),
            DeviceHarness.Point("name", ModbusTable.Holding, 30, PointType.String, length: 4),
            DeviceHarness.Point("door", ModbusTable.Discrete, 1, PointType.Bool),
            DeviceHarness.Point("amps", ModbusTable.Input, 1, PointType.UInt16),
        };
        _harness = DeviceHarness.Create([DeviceHarness.TcpDevice(_server.Port, points)]);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _server.DisposeAsync();
    }

    private Task Write(string point, double value) => _harness.Source.WriteAsync(_harness.PointOf(point), value);

    private byte[] Registers(ushort address, int count)
    {
        var bytes = new byte[count * 2];
        _memory.GetRegisterBytes(ModbusDataTable.HoldingRegisters, address, bytes);
        return bytes;
    }

    [Fact]
    public async Task Scale_and_offset_are_undone_and_integers_rounded()
    {
        await Write("setpoint", 12.47); // raw = (12.47 + 10) / 0.1 = 224.7 → 225
        Assert.Equal(225, _memory.GetRegister(ModbusDataTable.HoldingRegisters, 0));
        await Write("total", -1001); // raw -500.5 → -501 (halves away from zero)
        Assert.Equal(-501, ModbusValueCodec.ReadInt32(Registers(4, 2), ModbusWordOrder.BADC));
    }

    [Fact]
    public async Task Multi_register_values_are_encoded_in_their_order()
    {
        await Write("flow", 21.5);
        Assert.Equal("000041AC", Convert.ToHexString(Registers(2, 2)));
        await Write("energy", Math.PI);
        Assert.Equal(Math.PI, ModbusValueCodec.ReadDouble(Registers(6, 4), ModbusWordOrder.DCBA));
        await Write("big", 9007199254740992);
        Assert.Equal(9007199254740992UL, ModbusValueCodec.ReadUInt64(Registers(10, 4)));
        await Write("offset16", -2);
        Assert.Equal(0xFFFE, _memory.GetRegister(ModbusDataTable.HoldingRegisters, 14));
    }

    [Fact]
    public async Task Coils_and_register_bits_take_0_or_1()
    {
        await Write("pump", 1);
        Assert.True(_memory.GetBit(ModbusDataTable.Coils, 5));
        await Write("pump", 0);
        Assert.False(_memory.GetBit(ModbusDataTable.Coils, 5));

        _memory.SetRegisters(ModbusDataTable.HoldingRegisters, 20, [0b1000_0000_0000_0001]);
        await Write("flag3", 1);
        Assert.Equal(0b1000_0000_0000_1001, _memory.GetRegister(ModbusDataTable.HoldingRegisters, 20));
        await Write("flag3", 0);
        Assert.Equal(0b1000_0000_0000_0001, _memory.GetRegister(ModbusDataTable.HoldingRegisters, 20));

        var ex = await Assert.ThrowsAsync<ModbusWriteException>(() => Write("pump", 0.5));
        Assert.Contains("takes 0 or 1", ex.Message);
    }

    [Fact]
    public async Task Read_only_tables_strings_and_out_of_range_values_are_refused_before_the_wire()
    {
        var requests = _harness.Source.Client.Requests;
        var ro = await Assert.ThrowsAsync<ModbusWriteException>(() => Write("door", 1));
        Assert.Contains("plc1/door is in the discrete table, which is read-only", ro.Message);
        await Assert.ThrowsAsync<ModbusWriteException>(() => Write("amps", 1));
        await Assert.ThrowsAsync<ModbusWriteException>(() => Write("name", 1));
        var range = await Assert.ThrowsAsync<ModbusWriteException>(() => Write("setpoint", 7000)); // raw 70100
        Assert.Equal("plc1/setpoint: 7000 is raw 70100, which does not fit uint16 (0..65535).", range.Message);
        await Assert.ThrowsAsync<ModbusWriteException>(() => Write("flow", double.NaN));
        Assert.Equal(requests, _harness.Source.Client.Requests);
    }

    [Fact]
    public async Task Device_refusals_surface_as_ModbusException()
    {
        var devices = new[] { DeviceHarness.TcpDevice(_server.Port, [DeviceHarness.Point("far", ModbusTable.Holding, 99, PointType.Float32)]) };
        await using var other = DeviceHarness.Create(devices);
        var ex = await Assert.ThrowsAsync<ModbusException>(() => other.Source.WriteAsync(other.PointOf("far"), 1));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.Code);
    }

    [Fact]
    public async Task Read_back_that_differs_fails_the_write()
    {
        var store = new IgnoringStore(_store);
        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        var devices = new[] { DeviceHarness.TcpDevice(server.Port, [DeviceHarness.Point("sp", ModbusTable.Holding, 50, PointType.UInt16, writable: Verified)]) };
        await using var harness = DeviceHarness.Create(devices);
        var ex = await Assert.ThrowsAsync<ModbusWriteException>(() => harness.Source.WriteAsync(harness.PointOf("sp"), 7));
        Assert.Equal("plc1/sp: read-back 0000 differs from the written 0007.", ex.Message);
    }

    [Fact]
    public async Task A_point_of_another_device_is_refused()
    {
        var foreign = new PointInfo(0, 1, "other", DeviceHarness.Point("x", ModbusTable.Holding, 0, PointType.UInt16));
        await Assert.ThrowsAsync<ArgumentException>(() => _harness.Source.WriteAsync(foreign, 1));
    }

    /// <summary>A device that acknowledges writes without applying them.</summary>
    private sealed class IgnoringStore(IModbusDataStore inner) : IModbusDataStore
    {
        public bool HasUnit(byte unit) => inner.HasUnit(unit);

        public ModbusExceptionCode ReadBits(byte unit, ModbusDataTable table, ushort address, Span<bool> destination) => inner.ReadBits(unit, table, address, destination);

        public ModbusExceptionCode ReadRegisters(byte unit, ModbusDataTable table, ushort address, Span<ushort> destination) => inner.ReadRegisters(unit, table, address, destination);

        public ModbusExceptionCode WriteCoils(byte unit, ushort address, ReadOnlySpan<bool> values) => ModbusExceptionCode.None;

        public ModbusExceptionCode WriteRegisters(byte unit, ushort address, ReadOnlySpan<ushort> values) => ModbusExceptionCode.None;
    }
}
