namespace EdgeTwin.OpcUa;

/// <summary>
/// An OPC UA status code (OPC 10000-4 §7.39): severity in bits 30-31, sub-code in bits 16-29, info bits below.
/// </summary>
public readonly record struct StatusCode(uint Code)
{
    private const uint SeverityMask = 0xC0000000;

    /// <summary>The Good status (0).</summary>
    public static StatusCode Good => default;

    /// <summary>True when the severity is Good.</summary>
    public bool IsGood => (Code & SeverityMask) == 0;

    /// <summary>True when the severity is Uncertain.</summary>
    public bool IsUncertain => (Code & SeverityMask) == 0x40000000;

    /// <summary>True when the severity is Bad.</summary>
    public bool IsBad => (Code & 0x80000000) != 0;

    /// <summary>The code without its info bits (the part that names the condition).</summary>
    public uint CodeWithoutInfoBits => Code & 0xFFFF0000;

    /// <summary>The symbolic name, e.g. <c>BadNodeIdUnknown</c>, or the hex value when unknown.</summary>
    public string Name => StatusCodes.GetName(Code) ?? $"0x{Code:X8}";

    /// <summary>Converts a raw code.</summary>
    public static implicit operator StatusCode(uint code) => new(code);

    /// <inheritdoc />
    public override string ToString() => (Code & 0xFFFF) == 0 ? Name : $"{Name} (0x{Code:X8})";
}
