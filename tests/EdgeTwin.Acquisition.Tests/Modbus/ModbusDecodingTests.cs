using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Acquisition.Tests.Modbus;

/// <summary>Decoding every data shape straight into batches, against our own TCP server on loopback.</summary>
public sealed class ModbusDecodingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Every_shape_and_order_decodes_into_engineering_units(int pipeline)
    {
        var store = new ModbusMemoryStore();
        var memory = store.AddUnit(1, new ModbusUnitMemory(coils: 100, discreteInputs: 100, holdingRegisters: 200, inputRegisters: 200));
        var expected = new Dictionary<string, double>();
        var points = new List<PointConfig>();
        ushort address = 0;
        foreach (var (type, value) in new (PointType, double)[]
        {
            (PointType.Int16, -1234), (PointType.UInt16, 65000), (PointType.Int32, -123456789), (PointType.UInt32, 4000000000),
            (PointType.Int64, -9007199254740991), (PointType.UInt64, 9007199254740991), (PointType.Float32, 21.5), (PointType.Float64, -Math.E),
        })
        {
            foreach (var order in Enum.GetValues<WordOrder>())
            {
                var id = $"{type}_{order}".ToLowerInvariant();
                memory.SetValue(ModbusDataTable.HoldingRegisters, address, value, Map(type), (ModbusWordOrder)order);
                points.Add(DeviceHarness.Point(id, ModbusTable.Holding, address, type, order));
                expected[id] = value;
                address += (ushort)ModbusValueCodec.RegisterCount(Map(type));
            }
        }

        // value = raw * scale + offset
        memory.SetValue(ModbusDataTable.InputRegisters, 10, 1234, ModbusDataType.UInt16);
        points.Add(DeviceHarness.Point("current", ModbusTable.Input, 10, PointType.UInt16, scale: 0.01, offset: 1));
        expected["current"] = 13.34;
        memory.SetValue(ModbusDataTable.InputRegisters, 11, -200, ModbusDataType.Int32, ModbusWordOrder.CDAB);
        points.Add(DeviceHarness.Point("temp", ModbusTable.Input, 11, PointType.Int32, WordOrder.CDAB, scale: 0.1, offset: -5));
        expected["temp"] = -25;

        memory.SetBits(ModbusDataTable.Coils, 3, [true]);
        points.Add(DeviceHarness.Point("running", ModbusTable.Coil, 3, PointType.Bool));
        expected["running"] = 1;
        points.Add(DeviceHarness.Point("stopped", ModbusTable.Coil, 4, PointType.Bool));
        expected["stopped"] = 0;
        memory.SetBits(ModbusDataTable.DiscreteInputs, 7, [true]);
        points.Add(DeviceHarness.Point("door", ModbusTable.Discrete, 7, PointType.Bool));
        expected["door"] = 1;
        memory.SetRegisters(ModbusDataTable.HoldingRegisters, 150, [0b1000_0000_0000_0100]);
        points.Add(DeviceHarness.Point("alarm2", ModbusTable.Holding, 150, PointType.Bool, bit: 2));
        expected["alarm2"] = 1;
        points.Add(DeviceHarness.Point("alarm3", ModbusTable.Holding, 150, PointType.Bool, bit: 3));
        expected["alarm3"] = 0;
        points.Add(DeviceHarness.Point("alarm15", ModbusTable.Holding, 150, PointType.Bool, bit: 15));
        expected["alarm15"] = 1;
        points.Add(DeviceHarness.Point("nonzero", ModbusTable.Holding, 150, PointType.Bool));
        expected["nonzero"] = 1;
        memory.SetRegisters(ModbusDataTable.HoldingRegisters, 151, [3]);
        points.Add(DeviceHarness.Point("mode", ModbusTable.Holding, 151, PointType.UInt16, scale: 10) with { Enum = new Dictionary<long, string> { [3] = "auto" } });
        expected["mode"] = 3;

        memory.SetString(ModbusDataTable.HoldingRegisters, 160, "PUMP-07", 5, ModbusWordOrder.BADC);
        points.Add(DeviceHarness.Point("name", ModbusTable.Holding, 160, PointType.String, WordOrder.BADC, length: 5));

        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        await using var harness = DeviceHarness.Start([DeviceHarness.TcpDevice(server.Port, points, d => d with { Modbus = d.Modbus! with { MaxGap = 16, Pipeline = pipeline } })]);

        var batch = await harness.Sink.NextAsync();
        Assert.Equal(points.Count, batch.Samples.Length);
        foreach (var (id, value) in expected)
        {
            var sample = batch.Of(harness.IndexOf(id));
            Assert.True(sample.Quality == Quality.Good, $"{id}: {sample.Text}");
            Assert.True(Math.Abs(value - sample.Value) <= Math.Abs(value) * 1e-7 + 1e-9, $"{id}: expected {value}, got {sample.Value}");
        }

        var name = batch.Of(harness.IndexOf("name"));
        Assert.Equal("PUMP-07", name.Text);
        Assert.Equal(Quality.Good, name.Quality);

        // Merged reads: holding 0..79 and 150..164 (the gap to 160 is within maxGap 16), input 10..12, coils, discrete.
        Assert.Equal(5, harness.Source.PlannedReads);
        await WaitUntil(() => harness.Source.Status.State == DeviceState.Online);
        Assert.Null(harness.Source.Status.LastError);
    }

    [Fact]
    public async Task A_string_that_does_not_change_is_the_same_instance_every_cycle()
    {
        var store = new ModbusMemoryStore();
        store.AddUnit(1, new ModbusUnitMemory(holdingRegisters: 10)).SetString(ModbusDataTable.HoldingRegisters, 0, "ABC", 4);
        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        await using var harness = DeviceHarness.Start([DeviceHarness.TcpDevice(server.Port, [DeviceHarness.Point("s", ModbusTable.Holding, 0, PointType.String, length: 4)])]);
        var first = (await harness.Sink.NextAsync()).Samples[0].Text;
        var second = (await harness.Sink.NextAsync()).Samples[0].Text;
        Assert.Equal("ABC", first);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_float_that_is_NaN_is_a_bad_sample()
    {
        var store = new ModbusMemoryStore();
        store.AddUnit(1, new ModbusUnitMemory(holdingRegisters: 10)).SetValue(ModbusDataTable.HoldingRegisters, 0, double.NaN, ModbusDataType.Float32);
        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        await using var harness = DeviceHarness.Start([DeviceHarness.TcpDevice(server.Port, [DeviceHarness.Point("f", ModbusTable.Holding, 0, PointType.Float32)])]);
        var sample = (await harness.Sink.NextAsync()).Samples[0];
        Assert.True(sample.Quality == Quality.Bad, $"{sample}");
        Assert.Contains("NaN", sample.Text);
    }

    [Fact]
    public async Task Samples_follow_the_device_and_keep_flowing()
    {
        var store = new ModbusMemoryStore();
        var memory = store.AddUnit(1, new ModbusUnitMemory(holdingRegisters: 10));
        await using var server = new ModbusTcpServer(store);
        await server.StartAsync();
        await using var harness = DeviceHarness.Start([DeviceHarness.TcpDevice(server.Port, [DeviceHarness.Point("v", ModbusTable.Holding, 0, PointType.UInt16, scale: 0.5)])]);
        await harness.Sink.WaitForAsync(b => b.Samples[0].Value == 0);
        memory.SetRegisters(ModbusDataTable.HoldingRegisters, 0, [84]);
        var changed = await harness.Sink.WaitForAsync(b => b.Samples[0].Value == 42);
        Assert.Equal(harness.DeviceIndex, changed.Device);
        Assert.True(harness.Source.Status.Polls >= 2);
        Assert.True(harness.Source.Status.Samples >= 2);
    }

    private static ModbusDataType Map(PointType type) => Enum.Parse<ModbusDataType>(type.ToString());

    internal static async Task WaitUntil(Func<bool> condition, int milliseconds = 10000)
    {
        for (var waited = 0; waited < milliseconds && !condition(); waited += 20)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }
}
