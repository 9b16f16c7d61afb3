using System.CommandLine;
using System.IO.Ports;
using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Tools;
using EdgeTwin.Modbus.Transport;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Gateway.Cli;

/// <summary><c>edgetwin modbus read|scan</c> for technicians on site.</summary>
public static class ModbusCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var host = new Option<string?>("--host") { Description = "Modbus TCP host (or use --serial)" };
        var port = new Option<int>("--port") { Description = "TCP port", DefaultValueFactory = _ => 502 };
        var rtuOverTcp = new Option<bool>("--rtu-over-tcp") { Description = "RTU frames over TCP (serial gateways)" };
        var serial = new Option<string?>("--serial") { Description = "Serial port for Modbus RTU, e.g. /dev/ttyUSB0" };
        var baud = new Option<int>("--baud") { Description = "Baud rate", DefaultValueFactory = _ => 9600 };
        var parity = new Option<string>("--parity") { Description = "none, even, odd", DefaultValueFactory = _ => "none" };
        parity.AcceptOnlyFromAmong("none", "even", "odd");
        var stopBits = new Option<int>("--stop-bits") { Description = "1 or 2", DefaultValueFactory = _ => 1 };
        var timeout = new Option<int>("--timeout-ms") { Description = "Timeout per request", DefaultValueFactory = _ => 1000 };

        var unit = new Option<int>("--unit") { Description = "Unit id", DefaultValueFactory = _ => 1 };
        var table = new Option<string>("--table") { Description = "coil, discrete, holding, input", DefaultValueFactory = _ => "holding" };
        table.AcceptOnlyFromAmong("coil", "discrete", "holding", "input");
        var address = new Option<int>("--address") { Description = "0-based address", Required = true };
        var count = new Option<int>("--count") { Description = "Values (of --type) to read", DefaultValueFactory = _ => 1 };
        var type = new Option<string>("--type") { Description = "int16, uint16, int32, uint32, int64, uint64, float32, float64", DefaultValueFactory = _ => "uint16" };
        var order = new Option<string>("--order") { Description = "ABCD, CDAB, BADC, DCBA", DefaultValueFactory = _ => "ABCD" };
        order.AcceptOnlyFromAmong("ABCD", "CDAB", "BADC", "DCBA");

        var read = new Command("read", "Read and decode values") { host, port, rtuOverTcp, serial, baud, parity, stopBits, timeout, unit, table, address, count, type, order };
        read.SetAction(async (parse, ct) => await GuardAsync(async () =>
        {
            await using var client = Connect(parse, host, port, rtuOverTcp, serial, baud, parity, stopBits, timeout);
            var t = Table(parse.GetValue(table)!);
            var u = (byte)parse.GetValue(unit);
            var start = (ushort)parse.GetRequiredValue(address);
            if (t.IsBits())
            {
                var bits = new bool[parse.GetValue(count)];
                await client.ReadBitsAsync(t, u, start, bits.Length, bits, ct).ConfigureAwait(false);
                Console.Write(ModbusTableFormatter.FormatBits(start, bits));
                return;
            }

            if (!Enum.TryParse<ModbusDataType>(parse.GetValue(type), ignoreCase: true, out var dataType) || dataType is ModbusDataType.Bool or ModbusDataType.String)
            {
                throw new ArgumentException($"--type '{parse.GetValue(type)}' is not a numeric type");
            }

            var registers = ModbusValueCodec.RegisterCount(dataType, 0) * parse.GetValue(count);
            var bytes = new byte[registers * 2];
            await client.ReadRegistersAsync(t, u, start, registers, bytes, ct).ConfigureAwait(false);
            Console.Write(ModbusTableFormatter.FormatRegisters(start, bytes, dataType, Enum.Parse<ModbusWordOrder>(parse.GetValue(order)!)));
        }).ConfigureAwait(false));

        var first = new Option<int>("--first") { Description = "First unit id", DefaultValueFactory = _ => 1 };
        var last = new Option<int>("--last") { Description = "Last unit id", DefaultValueFactory = _ => 247 };
        var scan = new Command("scan", "Find unit ids that answer on a connection or bus") { host, port, rtuOverTcp, serial, baud, parity, stopBits, timeout, first, last };
        scan.SetAction(async (parse, ct) => await GuardAsync(async () =>
        {
            await using var client = Connect(parse, host, port, rtuOverTcp, serial, baud, parity, stopBits, timeout);
            var options = new ModbusScanOptions
            {
                FirstUnit = (byte)parse.GetValue(first),
                LastUnit = (byte)parse.GetValue(last),
                Timeout = TimeSpan.FromMilliseconds(Math.Min(parse.GetValue(timeout), 500)),
            };
            var progress = new Progress<ModbusScanResult>(r =>
            {
                if (r.Unit % 16 == 0)
                {
                    Console.Error.Write($"\rscanning... unit {r.Unit}/{options.LastUnit}");
                }
            });
            var found = await ModbusScanner.ScanAsync(client, options, progress, ct).ConfigureAwait(false);
            Console.Error.WriteLine();
            foreach (var r in found.Where(r => r.Responded))
            {
                Console.WriteLine($"unit {r.Unit,3}: answers ({(r.Exception is { } e ? "exception " + e : "data")}, {r.Elapsed.TotalMilliseconds:0.0} ms)");
            }

            Console.WriteLine($"{found.Count(r => r.Responded)} unit(s) answered");
        }).ConfigureAwait(false));

        return new Command("modbus", "Modbus tools for technicians") { read, scan };
    }

    private static ModbusClient Connect(ParseResult parse, Option<string?> host, Option<int> port, Option<bool> rtuOverTcp, Option<string?> serial, Option<int> baud, Option<string> parity, Option<int> stopBits, Option<int> timeout)
    {
        var options = new ModbusClientOptions { Timeout = TimeSpan.FromMilliseconds(parse.GetValue(timeout)) };
        if (parse.GetValue(serial) is { } device)
        {
            var settings = new ModbusSerialSettings(
                device,
                parse.GetValue(baud),
                parse.GetValue(parity) switch { "even" => Parity.Even, "odd" => Parity.Odd, _ => Parity.None },
                8,
                parse.GetValue(stopBits) == 2 ? StopBits.Two : StopBits.One);
            return ModbusClient.CreateRtu(settings, options);
        }

        var h = parse.GetValue(host) ?? throw new ArgumentException("give --host (Modbus TCP) or --serial (Modbus RTU)");
        return parse.GetValue(rtuOverTcp) ? ModbusClient.CreateRtuOverTcp(h, parse.GetValue(port), options) : ModbusClient.CreateTcp(h, parse.GetValue(port), options);
    }

    private static ModbusDataTable Table(string name) => name switch
    {
        "coil" => ModbusDataTable.Coils,
        "discrete" => ModbusDataTable.DiscreteInputs,
        "input" => ModbusDataTable.InputRegisters,
        _ => ModbusDataTable.HoldingRegisters,
    };

    private static async Task<int> GuardAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is ModbusFaultException or ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
