namespace EdgeTwin.OpcUa.Client;

/// <summary>The user a session is activated for: anonymous, or a user name with password.</summary>
public sealed record UserIdentity
{
    private UserIdentity(string? userName, string? password)
    {
        UserName = userName;
        Password = password;
    }

    /// <summary>The anonymous user.</summary>
    public static UserIdentity Anonymous { get; } = new(null, null);

    /// <summary>The user name, or null for anonymous.</summary>
    public string? UserName { get; }

    /// <summary>The password (never logged or shown by <see cref="ToString"/>).</summary>
    public string? Password { get; }

    /// <summary>True for the anonymous user.</summary>
    public bool IsAnonymous => UserName is null;

    /// <summary>A user name and password.</summary>
    public static UserIdentity FromUserName(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(password);
        return new UserIdentity(userName, password);
    }

    /// <inheritdoc />
    public override string ToString() => IsAnonymous ? "anonymous" : $"user '{UserName}'";
}
