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
        Span<byte> buffer = stackalloc byte[TimestampLength];
        writer.WriteString(name, FormatTimestamp(time, buffer));
    }

    /// <summary>Writes a UTC timestamp as 2026-11-23T10:00:00.123Z under a pre-encoded name.</summary>
    public static void WriteTimestamp(Utf8JsonWriter writer, JsonEncodedText name, DateTime time)
    {
        Span<byte> buffer = stackalloc byte[TimestampLength];
        writer.WriteString(name, FormatTimestamp(time, buffer));
    }

    private const int TimestampLength = 24;

    /// <summary>
    /// yyyy-MM-ddTHH:mm:ss.fffZ (milliseconds truncated) written digit by digit: the same text as the custom format
    /// string, without its parser, on every sample of every message.
    /// </summary>
    private static ReadOnlySpan<byte> FormatTimestamp(DateTime time, Span<byte> b)
    {
        var t = time.ToUniversalTime();
        Digits(b, 0, t.Year, 4);
        b[4] = (byte)'-';
        Digits(b, 5, t.Month, 2);
        b[7] = (byte)'-';
        Digits(b, 8, t.Day, 2);
        b[10] = (byte)'T';
        Digits(b, 11, t.Hour, 2);
        b[13] = (byte)':';
        Digits(b, 14, t.Minute, 2);
        b[16] = (byte)':';
        Digits(b, 17, t.Second, 2);
        b[19] = (byte)'.';
        Digits(b, 20, t.Millisecond, 3);
        b[23] = (byte)'Z';
        return b[..TimestampLength];

        static void Digits(Span<byte> target, int at, int value, int count)
        {
            for (var i = at + count - 1; i >= at; i--)
            {
                target[i] = (byte)('0' + (value % 10));
                value /= 10;
            }
        }
    }

    /// <summary>Writes a number without binary noise (15 significant digits), or null for NaN/infinity.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, string name, double value, bool single = false)
    {
        writer.WritePropertyName(name);
        WriteNumberValue(writer, value, single);
    }

    /// <summary>Writes a number without binary noise under a pre-encoded name, or null for NaN/infinity.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, double value, bool single = false)
    {
        writer.WritePropertyName(name);
        WriteNumberValue(writer, value, single);
    }

    /// <summary>Whole doubles below this print without an exponent in "G15".</summary>
    internal const double WholeDoubleLimit = 1e15;

    /// <summary>Whole floats below this (2^24) are exact and print without an exponent in "R".</summary>
    internal const double WholeFloatLimit = 16_777_216;

    /// <summary>Writes a number value without binary noise, or null for NaN/infinity.</summary>
    public static void WriteNumberValue(Utf8JsonWriter writer, double value, bool single = false)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteNullValue();
            return;
        }

        // Whole numbers (most register values) print the same digits as the general format below, which is several
        // times slower: below 10^15 (2^24 for a float) "G15" and "R" use no exponent and the value is exact.
        if (value == Math.Floor(value) && Math.Abs(value) < (single ? WholeFloatLimit : WholeDoubleLimit) && !(value == 0 && double.IsNegative(value)))
        {
            writer.WriteNumberValue((long)value);
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
