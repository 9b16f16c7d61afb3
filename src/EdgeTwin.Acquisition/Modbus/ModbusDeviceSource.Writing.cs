using System.Buffers.Binary;
using System.Globalization;
using EdgeTwin.Core.Points;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>Writes in engineering units: back to raw, encoded per type and order, FC5/FC6/FC16, optional read-back.</summary>
public sealed partial class ModbusDeviceSource
{
    /// <inheritdoc />
    /// <remarks>
    /// Coils take 0/1 (FC5). Single-register types use FC6, multi-register types FC16. A bool at bit N of a holding
    /// register is a read-modify-write of that register (not atomic against the PLC changing other bits meanwhile).
    /// Integers are rounded to the nearest raw value and range-checked. Refusals before the wire throw
    /// <see cref="ModbusWriteException"/>; device refusals and communication failures throw the Modbus exceptions.
    /// </remarks>
    public async Task WriteAsync(PointInfo point, double value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (!_points.TryGetValue(point.Index, out var p) || p.Info.Key != point.Key)
        {
            throw new ArgumentException($"{point.Key} is not a point of Modbus device {_config.Id}.", nameof(point));
        }

        if (!p.Table.IsWritable())
        {
            throw new ModbusWriteException($"{p.Key} is in the {ModbusPointMapper.TableName(p.Table)} table, which is read-only: only coils and holding registers can be written.");
        }

        if (p.Type == ModbusDataType.String)
        {
            throw new ModbusWriteException($"{p.Key} is a string point and cannot take the number {Text(value)}.");
        }

        if (!double.IsFinite(value))
        {
            throw new ModbusWriteException($"{p.Key}: {Text(value)} cannot be written.");
        }

        var verify = p.Info.Config.Writable?.VerifyReadBack == true;
        if (p.Table == ModbusDataTable.Coils)
        {
            var on = ToBool(p, value);
            await _client.WriteSingleCoilAsync(p.Unit, p.Address, on, cancellationToken).ConfigureAwait(false);
            if (verify)
            {
                var back = new bool[1];
                await _client.ReadCoilsAsync(p.Unit, p.Address, 1, back, cancellationToken).ConfigureAwait(false);
                Verify(p, back[0] == on, on ? "1" : "0", back[0] ? "1" : "0");
            }

            return;
        }

        var registers = new byte[p.Width * 2];
        if (p.Type == ModbusDataType.Bool)
        {
            var on = ToBool(p, value);
            if (p.Bit is { } bit)
            {
                await _client.ReadHoldingRegistersAsync(p.Unit, p.Address, 1, registers, cancellationToken).ConfigureAwait(false);
                ModbusValueCodec.WriteBit(registers, bit, on);
            }
            else
            {
                ModbusValueCodec.WriteUInt16(registers, on ? (ushort)1 : (ushort)0);
            }
        }
        else
        {
            var raw = p.Scaled ? p.Info.Config.ToRaw(value) : value;
            try
            {
                ModbusValueCodec.WriteNumber(registers, raw, p.Type, p.Order);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new ModbusWriteException($"{p.Key}: {Text(value)} is raw {Text(raw)}, which does not fit {p.Type.ToString().ToLowerInvariant()} ({RangeOf(p.Type)}).");
            }
        }

        if (p.Width == 1)
        {
            await _client.WriteSingleRegisterAsync(p.Unit, p.Address, BinaryPrimitives.ReadUInt16BigEndian(registers), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _client.WriteMultipleRegistersAsync(p.Unit, p.Address, registers.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        if (verify)
        {
            var back = new byte[registers.Length];
            await _client.ReadHoldingRegistersAsync(p.Unit, p.Address, p.Width, back, cancellationToken).ConfigureAwait(false);
            var same = p.Type == ModbusDataType.Bool && p.Bit is { } bit
                ? ModbusValueCodec.ReadBit(back, bit) == ModbusValueCodec.ReadBit(registers, bit)
                : back.AsSpan().SequenceEqual(registers);
            Verify(p, same, Convert.ToHexString(registers), Convert.ToHexString(back));
        }
    }

    private static bool ToBool(ModbusPoint point, double value) => value switch
    {
        0 => false,
        1 => true,
        _ => throw new ModbusWriteException($"{point.Key} is a bool and takes 0 or 1, not {Text(value)}."),
    };

    private static void Verify(ModbusPoint point, bool same, string written, string readBack)
    {
        if (!same)
        {
            throw new ModbusWriteException($"{point.Key}: read-back {readBack} differs from the written {written}.");
        }
    }

    private static string RangeOf(ModbusDataType type) => type switch
    {
        ModbusDataType.Int16 => "-32768..32767",
        ModbusDataType.UInt16 => "0..65535",
        ModbusDataType.Int32 => "-2147483648..2147483647",
        ModbusDataType.UInt32 => "0..4294967295",
        ModbusDataType.Int64 => "-9223372036854775808..9223372036854775807",
        ModbusDataType.UInt64 => "0..18446744073709551615",
        ModbusDataType.Float32 => "±3.4028235E+38",
        _ => "its range",
    };

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
