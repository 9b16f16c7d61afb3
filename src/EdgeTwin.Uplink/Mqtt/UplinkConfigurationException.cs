namespace EdgeTwin.Uplink.Mqtt;

/// <summary>
/// The uplink's own settings cannot be used as they are (a TLS file missing or unreadable, a password variable not
/// set). The message names the setting and the file; secrets are never part of it.
/// </summary>
public sealed class UplinkConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UplinkConfigurationException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
