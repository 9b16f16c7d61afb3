using Google.Protobuf;

namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>
/// Writes Sparkplug B payloads (org.eclipse.tahu.protobuf.Payload) with Google.Protobuf's
/// <see cref="CodedOutputStream"/>, fields in ascending number order as protobuf encoders do:
/// Payload { 1 timestamp, 2 metrics, 3 seq }, Metric { 1 name, 2 alias, 3 timestamp, 4 datatype,
/// 5 is_historical, 7 is_null, 9 properties, 10..15 value }, PropertySet { 1 keys, 2 values },
/// PropertyValue { 1 type, 2 is_null, 3..8 value }.
/// </summary>
public static class SparkplugPayloadWriter
{
    // Wire tags, (field << 3) | wire type: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32.
    private const uint PayloadTimestamp = 1 << 3, PayloadMetric = (2 << 3) | 2, PayloadSeq = 3 << 3;
    private const uint MetricName = (1 << 3) | 2, MetricAlias = 2 << 3, MetricTimestamp = 3 << 3, MetricDataType = 4 << 3;
    private const uint MetricHistorical = 5 << 3, MetricIsNull = 7 << 3, MetricProperties = (9 << 3) | 2;
    private const uint SetKey = (1 << 3) | 2, SetValue = (2 << 3) | 2;
    private const uint PropertyType = 1 << 3;

    /// <summary>Encodes a payload; <paramref name="seq"/> null leaves the seq field out (NDEATH, or appended at send time).</summary>
    public static byte[] Write(ulong? timestamp, IReadOnlyList<SparkplugMetric> metrics, ulong? seq)
    {
        var size = 0;
        if (timestamp is { } ts)
        {
            size += 1 + CodedOutputStream.ComputeUInt64Size(ts);
        }

        foreach (var metric in metrics)
        {
            var m = MetricSize(metric);
            size += 1 + CodedOutputStream.ComputeLengthSize(m) + m;
        }

        if (seq is { } s)
        {
            size += 1 + CodedOutputStream.ComputeUInt64Size(s);
        }

        var buffer = new byte[size];
        var output = new CodedOutputStream(buffer);
        if (timestamp is { } t)
        {
            output.WriteRawTag((byte)PayloadTimestamp);
            output.WriteUInt64(t);
        }

        foreach (var metric in metrics)
        {
            output.WriteRawTag((byte)PayloadMetric);
            output.WriteLength(MetricSize(metric));
            WriteMetric(output, metric);
        }

        if (seq is { } q)
        {
            output.WriteRawTag((byte)PayloadSeq);
            output.WriteUInt64(q);
        }

        output.CheckNoSpaceLeft();
        return buffer;
    }

    /// <summary>
    /// Appends the seq field to a payload written without it. Protobuf fields may come in any order, and seq (3)
    /// follows metrics (2) anyway, so the result is byte-identical to writing it with <see cref="Write"/>.
    /// </summary>
    public static byte[] AppendSeq(ReadOnlySpan<byte> payloadWithoutSeq, ulong seq)
    {
        var result = new byte[payloadWithoutSeq.Length + 1 + CodedOutputStream.ComputeUInt64Size(seq)];
        payloadWithoutSeq.CopyTo(result);
        var at = payloadWithoutSeq.Length;
        result[at++] = (byte)PayloadSeq;
        while (seq >= 0x80)
        {
            result[at++] = (byte)(seq | 0x80);
            seq >>= 7;
        }

        result[at] = (byte)seq;
        return result;
    }

    private static int MetricSize(in SparkplugMetric m)
    {
        var size = 0;
        if (m.Name is { } name)
        {
            size += 1 + CodedOutputStream.ComputeStringSize(name);
        }

        if (m.Alias is { } alias)
        {
            size += 1 + CodedOutputStream.ComputeUInt64Size(alias);
        }

        if (m.Timestamp is { } ts)
        {
            size += 1 + CodedOutputStream.ComputeUInt64Size(ts);
        }

        if (m.DataType is { } type)
        {
            size += 1 + CodedOutputStream.ComputeUInt32Size((uint)type);
        }

        if (m.IsHistorical)
        {
            size += 2;
        }

        if (m.IsNull)
        {
            size += 2;
        }

        if (m.Properties is { Count: > 0 } properties)
        {
            var p = PropertySetSize(properties);
            size += 1 + CodedOutputStream.ComputeLengthSize(p) + p;
        }

        return size + (m.IsNull ? 0 : ValueSize(m.Value));
    }

    private static void WriteMetric(CodedOutputStream output, in SparkplugMetric m)
    {
        if (m.Name is { } name)
        {
            output.WriteRawTag((byte)MetricName);
            output.WriteString(name);
        }

        if (m.Alias is { } alias)
        {
            output.WriteRawTag((byte)MetricAlias);
            output.WriteUInt64(alias);
        }

        if (m.Timestamp is { } ts)
        {
            output.WriteRawTag((byte)MetricTimestamp);
            output.WriteUInt64(ts);
        }

        if (m.DataType is { } type)
        {
            output.WriteRawTag((byte)MetricDataType);
            output.WriteUInt32((uint)type);
        }

        if (m.IsHistorical)
        {
            output.WriteRawTag((byte)MetricHistorical);
            output.WriteBool(true);
        }

        if (m.IsNull)
        {
            output.WriteRawTag((byte)MetricIsNull);
            output.WriteBool(true);
        }

        if (m.Properties is { Count: > 0 } properties)
        {
            output.WriteRawTag((byte)MetricProperties);
            output.WriteLength(PropertySetSize(properties));
            foreach (var p in properties)
            {
                output.WriteRawTag((byte)SetKey);
                output.WriteString(p.Key);
            }

            foreach (var p in properties)
            {
                output.WriteRawTag((byte)SetValue);
                output.WriteLength(PropertyValueSize(p));
                output.WriteRawTag((byte)PropertyType);
                output.WriteUInt32((uint)p.Type);
                WriteValue(output, p.Value, firstField: 3);
            }
        }

        if (!m.IsNull)
        {
            WriteValue(output, m.Value, firstField: 10);
        }
    }

    private static int PropertySetSize(IReadOnlyList<SparkplugProperty> properties)
    {
        var size = 0;
        foreach (var p in properties)
        {
            var v = PropertyValueSize(p);
            size += 1 + CodedOutputStream.ComputeStringSize(p.Key) + 1 + CodedOutputStream.ComputeLengthSize(v) + v;
        }

        return size;
    }

    private static int PropertyValueSize(in SparkplugProperty p) =>
        1 + CodedOutputStream.ComputeUInt32Size((uint)p.Type) + ValueSize(p.Value);

    private static int ValueSize(in SparkplugValue v) => v.Field switch
    {
        SparkplugValueField.Int => 1 + CodedOutputStream.ComputeUInt32Size((uint)v.Bits),
        SparkplugValueField.Long => 1 + CodedOutputStream.ComputeUInt64Size(v.Bits),
        SparkplugValueField.Float => 1 + 4,
        SparkplugValueField.Double => 1 + 8,
        SparkplugValueField.Boolean => 1 + 1,
        SparkplugValueField.String => 1 + CodedOutputStream.ComputeStringSize(v.Text ?? string.Empty),
        _ => 0,
    };

    // Metric value fields are 10..15 (int, long, float, double, boolean, string); PropertyValue's are 3..8 in the same order.
    private static void WriteValue(CodedOutputStream output, in SparkplugValue v, int firstField)
    {
        switch (v.Field)
        {
            case SparkplugValueField.Int:
                output.WriteTag(firstField, WireFormat.WireType.Varint);
                output.WriteUInt32((uint)v.Bits);
                break;
            case SparkplugValueField.Long:
                output.WriteTag(firstField + 1, WireFormat.WireType.Varint);
                output.WriteUInt64(v.Bits);
                break;
            case SparkplugValueField.Float:
                output.WriteTag(firstField + 2, WireFormat.WireType.Fixed32);
                output.WriteFloat((float)v.Number);
                break;
            case SparkplugValueField.Double:
                output.WriteTag(firstField + 3, WireFormat.WireType.Fixed64);
                output.WriteDouble(v.Number);
                break;
            case SparkplugValueField.Boolean:
                output.WriteTag(firstField + 4, WireFormat.WireType.Varint);
                output.WriteBool(v.Bits != 0);
                break;
            case SparkplugValueField.String:
                output.WriteTag(firstField + 5, WireFormat.WireType.LengthDelimited);
                output.WriteString(v.Text ?? string.Empty);
                break;
        }
    }
}
