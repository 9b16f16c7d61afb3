namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>Sparkplug B data type ids (Sparkplug 3.0 §6.4.16), as carried in Metric.datatype and PropertyValue.type.</summary>
public enum SparkplugDataType : uint
{
    /// <summary>Not set.</summary>
    Unknown = 0,
    /// <summary>Signed 8-bit, in int_value as 32-bit two's complement.</summary>
    Int8 = 1,
    /// <summary>Signed 16-bit, in int_value as 32-bit two's complement.</summary>
    Int16 = 2,
    /// <summary>Signed 32-bit, in int_value as 32-bit two's complement.</summary>
    Int32 = 3,
    /// <summary>Signed 64-bit, in long_value as 64-bit two's complement.</summary>
    Int64 = 4,
    /// <summary>Unsigned 8-bit, in int_value.</summary>
    UInt8 = 5,
    /// <summary>Unsigned 16-bit, in int_value.</summary>
    UInt16 = 6,
    /// <summary>Unsigned 32-bit, in long_value (as the Eclipse Tahu reference implementations do).</summary>
    UInt32 = 7,
    /// <summary>Unsigned 64-bit, in long_value.</summary>
    UInt64 = 8,
    /// <summary>IEEE 754 single, in float_value.</summary>
    Float = 9,
    /// <summary>IEEE 754 double, in double_value.</summary>
    Double = 10,
    /// <summary>Boolean, in boolean_value.</summary>
    Boolean = 11,
    /// <summary>UTF-8 text, in string_value.</summary>
    String = 12,
    /// <summary>Milliseconds since the Unix epoch, in long_value.</summary>
    DateTime = 13,
    /// <summary>UTF-8 text, in string_value.</summary>
    Text = 14,
}
