namespace EdgeTwin.Uplink.Json;

/// <summary>
/// Marks a JSON message sent from the backlog after newer data of its device or asset: <c>"backfill":true</c> becomes
/// the first member. The stored message is unchanged; only the copy on the wire carries the mark.
/// </summary>
public static class BackfillMarker
{
    private static readonly byte[] Member = "\"backfill\":true"u8.ToArray();

    /// <summary>The marked copy of <paramref name="payload"/>, or the payload itself when it is not a JSON object.</summary>
    public static byte[] Mark(byte[] payload)
    {
        if (payload.Length < 2 || payload[0] != (byte)'{')
        {
            return payload;
        }

        var empty = payload.AsSpan(1).TrimStart(" \t\r\n"u8) is [(byte)'}', ..];
        var result = new byte[payload.Length + Member.Length + (empty ? 0 : 1)];
        result[0] = (byte)'{';
        Member.CopyTo(result, 1);
        var at = 1 + Member.Length;
        if (!empty)
        {
            result[at++] = (byte)',';
        }

        payload.AsSpan(1).CopyTo(result.AsSpan(at));
        return result;
    }

    /// <summary>True when <paramref name="payload"/> starts with the mark.</summary>
    public static bool IsMarked(ReadOnlySpan<byte> payload) => payload.Length > Member.Length && payload[0] == (byte)'{' && payload[1..].StartsWith(Member);
}
