namespace EdgeTwin.OpcUa.Services;

/// <summary>The security applied to messages on a secure channel (OPC 10000-4 §7.20).</summary>
public enum MessageSecurityMode
{
    /// <summary>Invalid (default).</summary>
    Invalid = 0,

    /// <summary>No security.</summary>
    None = 1,

    /// <summary>Messages are signed.</summary>
    Sign = 2,

    /// <summary>Messages are signed and encrypted.</summary>
    SignAndEncrypt = 3,
}

/// <summary>Whether OpenSecureChannel issues a new token or renews one (OPC 10000-4 §5.5.2).</summary>
public enum SecurityTokenRequestType
{
    /// <summary>Issue a new token for a new channel.</summary>
    Issue = 0,

    /// <summary>Renew the token of an existing channel.</summary>
    Renew = 1,
}

/// <summary>The kind of application (OPC 10000-4 §7.2).</summary>
public enum ApplicationType
{
    /// <summary>A server.</summary>
    Server = 0,

    /// <summary>A client.</summary>
    Client = 1,

    /// <summary>Both.</summary>
    ClientAndServer = 2,

    /// <summary>A discovery server.</summary>
    DiscoveryServer = 3,
}

/// <summary>The kinds of user identity token (OPC 10000-4 §7.42).</summary>
public enum UserTokenType
{
    /// <summary>Anonymous.</summary>
    Anonymous = 0,

    /// <summary>User name and password.</summary>
    UserName = 1,

    /// <summary>X.509 certificate.</summary>
    Certificate = 2,

    /// <summary>A token from an issuer (e.g. JWT).</summary>
    IssuedToken = 3,
}

/// <summary>Which timestamps a server returns (OPC 10000-4 §7.40).</summary>
public enum TimestampsToReturn
{
    /// <summary>Source timestamp only.</summary>
    Source = 0,

    /// <summary>Server timestamp only.</summary>
    Server = 1,

    /// <summary>Both.</summary>
    Both = 2,

    /// <summary>Neither.</summary>
    Neither = 3,
}

/// <summary>Which references Browse follows (OPC 10000-4 §5.8.2).</summary>
public enum BrowseDirection
{
    /// <summary>Forward references.</summary>
    Forward = 0,

    /// <summary>Inverse references.</summary>
    Inverse = 1,

    /// <summary>Both.</summary>
    Both = 2,
}

/// <summary>The class of a node (OPC 10000-3 §8.29); a flag set in browse masks.</summary>
[Flags]
public enum NodeClass
{
    /// <summary>Not specified.</summary>
    Unspecified = 0,

    /// <summary>Object.</summary>
    Object = 1,

    /// <summary>Variable.</summary>
    Variable = 2,

    /// <summary>Method.</summary>
    Method = 4,

    /// <summary>ObjectType.</summary>
    ObjectType = 8,

    /// <summary>VariableType.</summary>
    VariableType = 16,

    /// <summary>ReferenceType.</summary>
    ReferenceType = 32,

    /// <summary>DataType.</summary>
    DataType = 64,

    /// <summary>View.</summary>
    View = 128,
}

/// <summary>Whether a monitored item samples and reports (OPC 10000-4 §7.23).</summary>
public enum MonitoringMode
{
    /// <summary>Neither samples nor reports.</summary>
    Disabled = 0,

    /// <summary>Samples but does not report.</summary>
    Sampling = 1,

    /// <summary>Samples and reports.</summary>
    Reporting = 2,
}

/// <summary>What counts as a data change (OPC 10000-4 §7.22.2).</summary>
public enum DataChangeTrigger
{
    /// <summary>Status changes only.</summary>
    Status = 0,

    /// <summary>Status or value changes (the default).</summary>
    StatusValue = 1,

    /// <summary>Status, value or source timestamp changes.</summary>
    StatusValueTimestamp = 2,
}

/// <summary>Deadband types of a <see cref="DataChangeFilter"/> (OPC 10000-4 §7.22.2).</summary>
public enum DeadbandType : uint
{
    /// <summary>No deadband.</summary>
    None = 0,

    /// <summary>Absolute change in engineering units.</summary>
    Absolute = 1,

    /// <summary>Percent of the EURange of an analog item.</summary>
    Percent = 2,
}
