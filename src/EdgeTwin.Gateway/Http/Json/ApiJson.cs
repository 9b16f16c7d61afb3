using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace EdgeTwin.Gateway.Http.Json;

/// <summary>Small helpers for the API's JSON: one buffer per response, timestamps and numbers as the MQTT payloads write them.</summary>
public static class ApiJson
{
    /// <summary>The media type of every API response.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Writes a JSON document with <paramref name="body"/> and returns its UTF-8 bytes.</summary>
    public static byte[] Build(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a JSON object with <paramref name="members"/> and returns its UTF-8 bytes.</summary>
    public static byte[] Object(Action<Utf8JsonWriter> members) => Build(w =>
    {
        w.WriteStartObject();
        members(w);
        w.WriteEndObject();
    });

    /// <summary><c>{"error":"..."}</c>.</summary>
    public static byte[] Error(string message) => Object(w => w.WriteString("error", message));

    /// <summary>Formats a UTC time as 2026-11-23T10:00:00.123Z.</summary>
    public static string Iso(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes a timestamp member, or null when <paramref name="time"/> is null or default.</summary>
    public static void Time(Utf8JsonWriter w, string name, DateTime? time)
    {
        if (time is { } t && t != default)
        {
            w.WriteString(name, Iso(t));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes a number member without binary noise, or null for NaN, infinity and null.</summary>
    public static void Number(Utf8JsonWriter w, string name, double? value, bool single = false)
    {
        w.WritePropertyName(name);
        NumberValue(w, value, single);
    }

    /// <summary>Writes a number value without binary noise (float32 values as the shortest float), or null.</summary>
    public static void NumberValue(Utf8JsonWriter w, double? value, bool single = false)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            w.WriteNullValue();
            return;
        }

        Span<byte> text = stackalloc byte[32];
        var ok = single
            ? ((float)v).TryFormat(text, out var written, "R", CultureInfo.InvariantCulture)
            : v.TryFormat(text, out written, "G15", CultureInfo.InvariantCulture);
        if (ok)
        {
            w.WriteRawValue(text[..written], skipInputValidation: true);
        }
        else
        {
            w.WriteNumberValue(v);
        }
    }

    /// <summary>Writes a string member, or null.</summary>
    public static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>Writes a duration as the configuration writes it (500ms, 2s, 5m).</summary>
    public static void Duration(Utf8JsonWriter w, string name, TimeSpan? span)
    {
        if (span is { } s)
        {
            w.WriteString(name, Configuration.Durations.Format(s));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Milliseconds since the Unix epoch (for compact time series).</summary>
    public static long EpochMs(DateTime time) =>
        (long)(time.ToUniversalTime() - DateTime.UnixEpoch).TotalMilliseconds;
}
