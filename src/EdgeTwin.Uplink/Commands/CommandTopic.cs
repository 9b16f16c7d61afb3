namespace EdgeTwin.Uplink.Commands;

/// <summary>Parses command topics: {root}/{gateway}/cmd/{name} and the 3.1.1 fallback .../cmd/{name}/{requestId}.</summary>
public static class CommandTopic
{
    /// <summary>Longest command name or request id accepted.</summary>
    public const int MaxLevelLength = 128;

    /// <summary>
    /// Splits <paramref name="topic"/> (which starts with <paramref name="prefix"/>, "{root}/{gateway}/cmd/") into the
    /// command name and optional request id. False when the rest is empty, has more than two levels, or a level is
    /// empty or too long.
    /// </summary>
    public static bool TryParse(string topic, string prefix, out string name, out string? requestId)
    {
        name = string.Empty;
        requestId = null;
        if (!topic.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(prefix.Length);
        var slash = rest.IndexOf('/');
        var first = slash < 0 ? rest : rest[..slash];
        if (first.IsEmpty || first.Length > MaxLevelLength)
        {
            return false;
        }

        if (slash >= 0)
        {
            var second = rest[(slash + 1)..];
            if (second.IsEmpty || second.Length > MaxLevelLength || second.Contains('/'))
            {
                return false;
            }

            requestId = second.ToString();
        }

        name = first.ToString();
        return true;
    }
}
