namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>The Sparkplug B topic namespace of one edge node: spBv1.0/{group}/{type}/{edge}[/{device}].</summary>
public sealed class SparkplugTopics
{
    /// <summary>Namespace prefix of Sparkplug B.</summary>
    public const string Namespace = "spBv1.0";

    private readonly string _prefix;

    /// <summary>Creates the topics of edge node <paramref name="edgeNode"/> in <paramref name="group"/>.</summary>
    public SparkplugTopics(string group, string edgeNode)
    {
        Group = group;
        EdgeNode = edgeNode;
        _prefix = Namespace + "/" + group + "/";
    }

    /// <summary>Group id.</summary>
    public string Group { get; }

    /// <summary>Edge node id (the gateway id).</summary>
    public string EdgeNode { get; }

    /// <summary>NBIRTH.</summary>
    public string NodeBirth => _prefix + "NBIRTH/" + EdgeNode;

    /// <summary>NDEATH (also the Last Will).</summary>
    public string NodeDeath => _prefix + "NDEATH/" + EdgeNode;

    /// <summary>NCMD, subscribed.</summary>
    public string NodeCommand => _prefix + "NCMD/" + EdgeNode;

    /// <summary>DCMD of every device, subscribed.</summary>
    public string DeviceCommandFilter => _prefix + "DCMD/" + EdgeNode + "/+";

    /// <summary>DBIRTH of a device.</summary>
    public string DeviceBirth(string device) => _prefix + "DBIRTH/" + EdgeNode + "/" + device;

    /// <summary>DDATA of a device.</summary>
    public string DeviceData(string device) => _prefix + "DDATA/" + EdgeNode + "/" + device;

    /// <summary>DDEATH of a device.</summary>
    public string DeviceDeath(string device) => _prefix + "DDEATH/" + EdgeNode + "/" + device;

    /// <summary>The device of a DCMD topic, or null when <paramref name="topic"/> is not one of ours.</summary>
    public string? DeviceOfCommand(string topic)
    {
        var prefix = _prefix + "DCMD/" + EdgeNode + "/";
        return topic.StartsWith(prefix, StringComparison.Ordinal) && topic.Length > prefix.Length ? topic[prefix.Length..] : null;
    }

    /// <summary>A valid Sparkplug id from free text (site names): '/', '+', '#' and blanks become '_'.</summary>
    public static string Sanitize(string text)
    {
        var chars = text.Trim().Select(c => c is '/' or '+' or '#' || char.IsWhiteSpace(c) ? '_' : c).ToArray();
        return chars.Length == 0 ? "edgetwin" : new string(chars);
    }
}
