using System.Globalization;
using EdgeTwin.Core.Points;
using EdgeTwin.OpcUa;
using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.Acquisition.OpcUa;

public sealed partial class OpcUaDeviceSource
{
    /// <summary>
    /// Writes <paramref name="value"/> (engineering units) to the point's node: converted to raw with the point's
    /// scale and offset, then to the node's data type (read once from its DataType attribute, or taken from the last
    /// value). Throws <see cref="OpcUaWriteException"/> when the device is not connected, the value does not fit the
    /// type, or the server refuses the write.
    /// </summary>
    public async Task WriteAsync(PointInfo point, double value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (!_byIndex.TryGetValue(point.Index, out var target))
        {
            throw new OpcUaWriteException($"{point.Key} is not a point of OPC UA device {_config.Id}.");
        }

        var client = _manager?.Client;
        if (client is null || !client.IsConnected)
        {
            throw new OpcUaWriteException($"{point.Key}: OPC UA device {_config.Id} is not connected{(_offlineReason is null ? string.Empty : ": " + _offlineReason)}.");
        }

        if (point.Config.Type == PointType.String)
        {
            throw new OpcUaWriteException($"{point.Key} is a string point and cannot take the number {Text(value)}.");
        }

        try
        {
            var type = target.ValueType ?? await ReadValueTypeAsync(client, target, cancellationToken).ConfigureAwait(false);
            var variant = ToVariant(point, type, point.Config.Type == PointType.Bool ? (value != 0 ? 1 : 0) : point.Config.ToRaw(value));
            var status = await client.WriteValueAsync(target.NodeId, variant, cancellationToken).ConfigureAwait(false);
            if (!status.IsGood)
            {
                throw new OpcUaWriteException($"{point.Key}: the server refused the write of {Text(value)} to {target.NodeId}: {status.Name}.");
            }
        }
        catch (OpcUaException ex)
        {
            throw new OpcUaWriteException($"{point.Key}: writing {Text(value)} to {target.NodeId} failed: {ex.Message}", ex);
        }
    }

    private static async Task<BuiltInType> ReadValueTypeAsync(OpcUaClient client, OpcUaPoint point, CancellationToken cancellationToken)
    {
        var values = await client.ReadAsync([new ReadValueId { NodeId = point.NodeId, AttributeId = AttributeIds.DataType }], TimestampsToReturn.Neither, 0, cancellationToken).ConfigureAwait(false);
        var dataType = values.Count > 0 && values[0].StatusCode.IsGood && values[0].Value.Value is NodeId id ? id : NodeId.Null;
        // The built-in types are the ns=0 DataType nodes i=1..i=25 (OPC 10000-6 §5.1.2); others are subtypes or structures.
        var type = dataType.NamespaceIndex == 0 && dataType.IdType == NodeIdType.Numeric && dataType.NumericIdentifier is >= 1 and <= 11
            ? (BuiltInType)dataType.NumericIdentifier
            : BuiltInType.Double;
        point.ValueType = type;
        return type;
    }

    private static Variant ToVariant(PointInfo point, BuiltInType type, double raw)
    {
        if (double.IsNaN(raw) || double.IsInfinity(raw))
        {
            throw new OpcUaWriteException($"{point.Key}: {Text(raw)} cannot be written.");
        }

        return type switch
        {
            BuiltInType.Boolean => new Variant(raw != 0),
            BuiltInType.SByte => (sbyte)Integer(point, raw, sbyte.MinValue, sbyte.MaxValue, type),
            BuiltInType.Byte => (byte)Integer(point, raw, byte.MinValue, byte.MaxValue, type),
            BuiltInType.Int16 => (short)Integer(point, raw, short.MinValue, short.MaxValue, type),
            BuiltInType.UInt16 => (ushort)Integer(point, raw, ushort.MinValue, ushort.MaxValue, type),
            BuiltInType.Int32 => (int)Integer(point, raw, int.MinValue, int.MaxValue, type),
            BuiltInType.UInt32 => (uint)Integer(point, raw, uint.MinValue, uint.MaxValue, type),
            BuiltInType.Int64 => (long)Integer(point, raw, long.MinValue, long.MaxValue, type),
            BuiltInType.UInt64 => (ulong)Integer(point, raw, 0, ulong.MaxValue, type),
            BuiltInType.Float => (float)raw,
            _ => raw,
        };
    }

    private static double Integer(PointInfo point, double raw, double min, double max, BuiltInType type)
    {
        var rounded = Math.Round(raw, MidpointRounding.AwayFromZero);
        if (rounded < min || rounded > max)
        {
            throw new OpcUaWriteException($"{point.Key}: raw value {Text(raw)} does not fit the node's type {type} ({Text(min)}..{Text(max)}).");
        }

        return rounded;
    }

    private static string Text(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
