namespace EdgeTwin.OpcUa;

public static partial class StatusCodes
{
    /// <summary>Returns the symbolic name of a status code (info bits ignored), or null when it is not a known code.</summary>
    public static string? GetName(uint code) => Names.TryGetValue(code & 0xFFFF0000, out var name) ? name : null;
}
