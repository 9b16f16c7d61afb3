using System.Buffers.Binary;
using System.Text;

namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>
/// Decodes Sparkplug B payloads received as commands (NCMD, DCMD). Every length is checked against what is left and
/// against <see cref="SparkplugLimits"/>; anything malformed throws <see cref="SparkplugFormatException"/> naming the
/// field and byte offset. Unknown fields and nested structures EdgeTwin does not use (metadata,
/// datasets, templates) are skipped, within bounds.
/// </summary>
public static class SparkplugPayloadReader
{
    /// <summary>Decodes <paramref name="payload"/>.</summary>
    public static SparkplugPayload Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > SparkplugLimits.MaxPayloadBytes)
        {
            throw new SparkplugFormatException("payload", 0, $"{payload.Length} bytes exceed the limit of {SparkplugLimits.MaxPayloadBytes}");
        }

        var reader = new Reader(payload, 0);
        ulong? timestamp = null, seq = null;
        var metrics = new List<SparkplugMetric>();
        while (!reader.End)
        {
            var (field, wire) = reader.Tag("payload");
            switch (field)
            {
                case 1:
                    timestamp = reader.Varint("timestamp", wire);
                    break;
                case 2:
                    if (metrics.Count == SparkplugLimits.MaxMetrics)
                    {
                        throw new SparkplugFormatException("metrics", reader.Offset, $"more than {SparkplugLimits.MaxMetrics} metrics");
                    }

                    var name = $"metrics[{metrics.Count}]";
                    metrics.Add(ReadMetric(reader.Message(name, wire), name));
                    break;
                case 3:
                    seq = reader.Varint("seq", wire);
                    break;
                default:
                    reader.Skip("payload field " + field, wire);
                    break;
            }
        }

        return new SparkplugPayload(timestamp, seq, metrics);
    }

    private static SparkplugMetric ReadMetric(Reader r, string path)
    {
        var metric = new SparkplugMetric();
        while (!r.End)
        {
            var (field, wire) = r.Tag(path);
            metric = field switch
            {
                1 => metric with { Name = r.String(path + ".name", wire) },
                2 => metric with { Alias = r.Varint(path + ".alias", wire) },
                3 => metric with { Timestamp = r.Varint(path + ".timestamp", wire) },
                4 => metric with { DataType = (SparkplugDataType)(uint)r.Varint(path + ".datatype", wire) },
                5 => metric with { IsHistorical = r.Varint(path + ".is_historical", wire) != 0 },
                7 => metric with { IsNull = r.Varint(path + ".is_null", wire) != 0 },
                9 => metric with { Properties = ReadPropertySet(r.Message(path + ".properties", wire), path + ".properties") },
                10 => metric with { Value = SparkplugValue.Int((uint)r.Varint(path + ".int_value", wire)) },
                11 => metric with { Value = SparkplugValue.Long(r.Varint(path + ".long_value", wire)) },
                12 => metric with { Value = SparkplugValue.Float(r.Fixed32(path + ".float_value", wire)) },
                13 => metric with { Value = SparkplugValue.Double(r.Fixed64(path + ".double_value", wire)) },
                14 => metric with { Value = SparkplugValue.Boolean(r.Varint(path + ".boolean_value", wire) != 0) },
                15 => metric with { Value = SparkplugValue.String(r.String(path + ".string_value", wire)) },
                _ => Skipped(ref r, path + " field " + field, wire, metric),
            };
        }

        return metric;
    }

    private static List<SparkplugProperty> ReadPropertySet(Reader r, string path)
    {
        var keys = new List<string>();
        var values = new List<(SparkplugDataType Type, SparkplugValue Value)>();
        while (!r.End)
        {
            var at = r.Offset;
            var (field, wire) = r.Tag(path);
            if (keys.Count + values.Count >= 2 * SparkplugLimits.MaxProperties)
            {
                throw new SparkplugFormatException(path, at, $"more than {SparkplugLimits.MaxProperties} properties");
            }

            switch (field)
            {
                case 1:
                    keys.Add(r.String($"{path}.keys[{keys.Count}]", wire));
                    break;
                case 2:
                    values.Add(ReadPropertyValue(r.Message($"{path}.values[{values.Count}]", wire), $"{path}.values[{values.Count}]"));
                    break;
                default:
                    r.Skip(path + " field " + field, wire);
                    break;
            }
        }

        if (keys.Count != values.Count)
        {
            throw new SparkplugFormatException(path, r.Offset, $"{keys.Count} keys but {values.Count} values");
        }

        return keys.Select((k, i) => new SparkplugProperty(k, values[i].Type, values[i].Value)).ToList();
    }

    private static (SparkplugDataType Type, SparkplugValue Value) ReadPropertyValue(Reader r, string path)
    {
        var type = SparkplugDataType.Unknown;
        var value = default(SparkplugValue);
        while (!r.End)
        {
            var (field, wire) = r.Tag(path);
            switch (field)
            {
                case 1: type = (SparkplugDataType)(uint)r.Varint(path + ".type", wire); break;
                case 3: value = SparkplugValue.Int((uint)r.Varint(path + ".int_value", wire)); break;
                case 4: value = SparkplugValue.Long(r.Varint(path + ".long_value", wire)); break;
                case 5: value = SparkplugValue.Float(r.Fixed32(path + ".float_value", wire)); break;
                case 6: value = SparkplugValue.Double(r.Fixed64(path + ".double_value", wire)); break;
                case 7: value = SparkplugValue.Boolean(r.Varint(path + ".boolean_value", wire) != 0); break;
                case 8: value = SparkplugValue.String(r.String(path + ".string_value", wire)); break;
                default: r.Skip(path + " field " + field, wire); break;
            }
        }

        return (type, value);
    }

    private static SparkplugMetric Skipped(ref Reader r, string what, int wire, SparkplugMetric metric)
    {
        r.Skip(what, wire);
        return metric;
    }

    /// <summary>A cursor over a span of protobuf bytes; offsets are relative to the whole payload for messages.</summary>
    private ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly int _base;
        private int _pos;

        public Reader(ReadOnlySpan<byte> data, int baseOffset)
        {
            _data = data;
            _base = baseOffset;
            _pos = 0;
        }

        public readonly bool End => _pos >= _data.Length;

        public readonly int Offset => _base + _pos;

        public (int Field, int Wire) Tag(string path)
        {
            var at = Offset;
            var tag = RawVarint(path + " tag");
            var field = tag >> 3;
            if (field == 0 || field > 536_870_911)
            {
                throw new SparkplugFormatException(path, at, $"invalid field number {field}");
            }

            return ((int)field, (int)(tag & 7));
        }

        public ulong Varint(string path, int wire)
        {
            Expect(path, wire, 0);
            return RawVarint(path);
        }

        public float Fixed32(string path, int wire)
        {
            Expect(path, wire, 5);
            return BinaryPrimitives.ReadSingleLittleEndian(Take(path, 4));
        }

        public double Fixed64(string path, int wire)
        {
            Expect(path, wire, 1);
            return BinaryPrimitives.ReadDoubleLittleEndian(Take(path, 8));
        }

        public string String(string path, int wire)
        {
            Expect(path, wire, 2);
            var at = Offset;
            var length = Length(path, SparkplugLimits.MaxStringBytes);
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(path, length));
            }
            catch (DecoderFallbackException)
            {
                throw new SparkplugFormatException(path, at, "not valid UTF-8");
            }
        }

        public Reader Message(string path, int wire)
        {
            Expect(path, wire, 2);
            var length = Length(path, SparkplugLimits.MaxPayloadBytes);
            var start = Offset;
            return new Reader(Take(path, length), start);
        }

        public void Skip(string path, int wire)
        {
            switch (wire)
            {
                case 0:
                    RawVarint(path);
                    break;
                case 1:
                    Take(path, 8);
                    break;
                case 2:
                    Take(path, Length(path, SparkplugLimits.MaxPayloadBytes));
                    break;
                case 5:
                    Take(path, 4);
                    break;
                default:
                    throw new SparkplugFormatException(path, Offset, $"unsupported wire type {wire}");
            }
        }

        private readonly void Expect(string path, int wire, int expected)
        {
            if (wire != expected)
            {
                throw new SparkplugFormatException(path, Offset, $"wire type {wire}, expected {expected}");
            }
        }

        private int Length(string path, int limit)
        {
            var at = Offset;
            var length = RawVarint(path + " length");
            if (length > (ulong)limit)
            {
                throw new SparkplugFormatException(path, at, $"length {length} exceeds the limit of {limit}");
            }

            if (length > (ulong)(_data.Length - _pos))
            {
                throw new SparkplugFormatException(path, at, $"length {length} exceeds the {_data.Length - _pos} bytes left");
            }

            return (int)length;
        }

        private ReadOnlySpan<byte> Take(string path, int count)
        {
            if (count > _data.Length - _pos)
            {
                throw new SparkplugFormatException(path, Offset, $"needs {count} bytes, {_data.Length - _pos} left");
            }

            var span = _data.Slice(_pos, count);
            _pos += count;
            return span;
        }

        private ulong RawVarint(string path)
        {
            var at = Offset;
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_pos >= _data.Length)
                {
                    throw new SparkplugFormatException(path, at, "truncated varint");
                }

                var b = _data[_pos++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new SparkplugFormatException(path, at, "varint longer than 10 bytes");
        }
    }
}
