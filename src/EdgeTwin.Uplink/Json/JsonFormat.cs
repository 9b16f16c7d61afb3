using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace EdgeTwin.Uplink.Json;

/// <summary>Small helpers shared by the JSON payload writers.</summary>
internal static class JsonFormat
{
    /// <summary>Writes a UTC timestamp as 2026-11-23T10:00:00.123Z.</summary>
    public static void WriteTimestamp(Utf8JsonWriter writer, string name, DateTime time)
    {
        Span<byte> buffer = stackalloc byte[32];
        time.ToUniversalTime().TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        writer.WriteString(name, buffer[..written]);
    }

    /// <summary>Writes a number without binary noise (15 significant digits), or null for NaN/infinity.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, string name, double value, bool single = false)
    {
        writer.WritePropertyName(name);
        WriteNumberValue(writer, value, single);
    }

    /// <summary>Writes a number value without binary noise, or null for NaN/infinity.</summary>
    public static void WriteNumberValue(Utf8JsonWriter writer, double value, bool single = false)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteNullValue();
            return;
        }

        Span<byte> buffer = stackalloc byte[32];
        int written;
        var ok = single
            ? ((float)value).TryFormat(buffer, out written, "R", CultureInfo.InvariantCulture)
            : value.TryFormat(buffer, out written, "G15", CultureInfo.InvariantCulture);
        if (!ok)
        {
            writer.WriteNumberValue(value);
            return;
        }

        writer.WriteRawValue(buffer[..written], skipInputValidation: true);
    }

    /// <summary>Writes a member of a loosely typed value (numbers, strings, booleans, timestamps, null).</summary>
    public static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(name);
                break;
            case string text:
                writer.WriteString(name, text);
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case DateTime time:
                WriteTimestamp(writer, name, time);
                break;
            case TimeSpan span:
                WriteNumber(writer, name, span.TotalSeconds);
                break;
            case double number:
                WriteNumber(writer, name, number);
                break;
            case float number:
                WriteNumber(writer, name, number, single: true);
                break;
            case int or long or short or byte or uint or ulong:
                writer.WriteNumber(name, Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<string> items:
                writer.WriteStartArray(name);
                foreach (var item in items)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
