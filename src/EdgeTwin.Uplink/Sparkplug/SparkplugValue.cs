namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>Which value field of a Metric or PropertyValue is set.</summary>
public enum SparkplugValueField : byte
{
    /// <summary>No value (e.g. a null metric).</summary>
    None,
    /// <summary>int_value (uint32).</summary>
    Int,
    /// <summary>long_value (uint64).</summary>
    Long,
    /// <summary>float_value.</summary>
    Float,
    /// <summary>double_value.</summary>
    Double,
    /// <summary>boolean_value.</summary>
    Boolean,
    /// <summary>string_value.</summary>
    String,
}

/// <summary>A metric's value as it travels: one of the protobuf value fields, with the Tahu conversions in one place.</summary>
public readonly record struct SparkplugValue
{
    private SparkplugValue(SparkplugValueField field, ulong bits, double number, string? text)
    {
        Field = field;
        Bits = bits;
        Number = number;
        Text = text;
    }

    /// <summary>Which field is set.</summary>
    public SparkplugValueField Field { get; }

    /// <summary>int_value / long_value / boolean_value (0 or 1) as unsigned bits.</summary>
    public ulong Bits { get; }

    /// <summary>float_value / double_value.</summary>
    public double Number { get; }

    /// <summary>string_value.</summary>
    public string? Text { get; }

    /// <summary>int_value.</summary>
    public static SparkplugValue Int(uint bits) => new(SparkplugValueField.Int, bits, 0, null);

    /// <summary>long_value.</summary>
    public static SparkplugValue Long(ulong bits) => new(SparkplugValueField.Long, bits, 0, null);

    /// <summary>float_value.</summary>
    public static SparkplugValue Float(float value) => new(SparkplugValueField.Float, 0, value, null);

    /// <summary>double_value.</summary>
    public static SparkplugValue Double(double value) => new(SparkplugValueField.Double, 0, value, null);

    /// <summary>boolean_value.</summary>
    public static SparkplugValue Boolean(bool value) => new(SparkplugValueField.Boolean, value ? 1UL : 0UL, 0, null);

    /// <summary>string_value.</summary>
    public static SparkplugValue String(string value) => new(SparkplugValueField.String, 0, 0, value);

    /// <summary>
    /// Encodes a number as <paramref name="type"/> the way Tahu does: signed 8/16/32-bit as 32-bit two's complement
    /// in int_value, Int64 as 64-bit two's complement in long_value, UInt32/UInt64/DateTime in long_value.
    /// </summary>
    public static SparkplugValue FromNumber(SparkplugDataType type, double value) => type switch
    {
        SparkplugDataType.Int8 or SparkplugDataType.Int16 or SparkplugDataType.Int32 => Int(unchecked((uint)(int)Math.Clamp(Math.Round(value), int.MinValue, int.MaxValue))),
        SparkplugDataType.UInt8 or SparkplugDataType.UInt16 => Int((uint)Math.Clamp(Math.Round(value), 0, uint.MaxValue)),
        SparkplugDataType.Int64 => Long(unchecked((ulong)(long)Math.Clamp(Math.Round(value), long.MinValue, long.MaxValue))),
        SparkplugDataType.UInt32 or SparkplugDataType.UInt64 or SparkplugDataType.DateTime => Long((ulong)Math.Clamp(Math.Round(value), 0, ulong.MaxValue)),
        SparkplugDataType.Float => Float((float)value),
        SparkplugDataType.Boolean => Boolean(value != 0),
        _ => Double(value),
    };

    /// <summary>The value as a number, read as <paramref name="type"/> (or by its field when the type is unknown); null for text.</summary>
    public double? ToNumber(SparkplugDataType type) => Field switch
    {
        SparkplugValueField.Int => type is SparkplugDataType.Int8 or SparkplugDataType.Int16 or SparkplugDataType.Int32 ? unchecked((int)(uint)Bits) : (uint)Bits,
        SparkplugValueField.Long => type is SparkplugDataType.Int64 ? unchecked((long)Bits) : Bits,
        SparkplugValueField.Float or SparkplugValueField.Double => Number,
        SparkplugValueField.Boolean => Bits,
        _ => null,
    };
}
