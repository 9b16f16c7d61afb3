namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>One tensor dimension: a fixed size, or a symbolic name (e.g. "N" for the batch).</summary>
public readonly record struct OnnxDimension
{
    /// <summary>A fixed dimension.</summary>
    public OnnxDimension(long value)
    {
        Value = value;
        Param = null;
    }

    /// <summary>A symbolic dimension.</summary>
    public OnnxDimension(string param)
    {
        Value = -1;
        Param = param;
    }

    /// <summary>A dimension with neither a value nor a name.</summary>
    public static OnnxDimension Unknown => new(string.Empty);

    /// <summary>The fixed size, or -1 when symbolic.</summary>
    public long Value { get; }

    /// <summary>The symbolic name, or null when fixed.</summary>
    public string? Param { get; }

    /// <summary>True when the dimension is symbolic (or unknown).</summary>
    public bool IsSymbolic => Param is not null;

    /// <summary>Fixed dimension from an integer.</summary>
    public static implicit operator OnnxDimension(long value) => new(value);

    /// <summary>Symbolic dimension from a name.</summary>
    public static implicit operator OnnxDimension(string param) => new(param);

    /// <inheritdoc />
    public override string ToString() => IsSymbolic ? (Param!.Length == 0 ? "?" : Param!) : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
