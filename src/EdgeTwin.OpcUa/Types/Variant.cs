using System.Globalization;

namespace EdgeTwin.OpcUa;

/// <summary>
/// A value of any built-in type, scalar or array (flattened, with optional dimensions for matrices)
/// (OPC 10000-6 §5.2.2.16). Scalars are held as their CLR type (see <see cref="BuiltInTypes.ClrType"/>), arrays as T[].
/// </summary>
public readonly struct Variant : IEquatable<Variant>
{
    /// <summary>Creates a variant, checking that the value matches the type.</summary>
    /// <param name="type">The built-in type of the value or of each array element.</param>
    /// <param name="value">The scalar, or a T[] when <paramref name="isArray"/> is set.</param>
    /// <param name="isArray">True for arrays and matrices.</param>
    /// <param name="arrayDimensions">Dimension lengths of a matrix (their product must equal the array length), or null.</param>
    public Variant(BuiltInType type, object? value, bool isArray = false, int[]? arrayDimensions = null)
    {
        Validate(type, value, isArray, arrayDimensions);
        Type = type;
        Value = type == BuiltInType.Null ? null : value;
        IsArray = isArray && type != BuiltInType.Null;
        ArrayDimensions = arrayDimensions;
    }

    /// <summary>Creates a Double variant.</summary>
    public Variant(double value)
        : this(BuiltInType.Double, value, false, null, unchecked_: true)
    {
    }

    /// <summary>Creates an Int32 variant.</summary>
    public Variant(int value)
        : this(BuiltInType.Int32, value, false, null, unchecked_: true)
    {
    }

    /// <summary>Creates a Boolean variant.</summary>
    public Variant(bool value)
        : this(BuiltInType.Boolean, value, false, null, unchecked_: true)
    {
    }

    /// <summary>Creates a String variant.</summary>
    public Variant(string? value)
        : this(BuiltInType.String, value, false, null, unchecked_: true)
    {
    }

    private Variant(BuiltInType type, object? value, bool isArray, int[]? arrayDimensions, bool unchecked_)
    {
        _ = unchecked_;
        Type = type;
        Value = value;
        IsArray = isArray;
        ArrayDimensions = arrayDimensions;
    }

    /// <summary>The null variant.</summary>
    public static Variant Null => default;

    /// <summary>The built-in type of the value (or of each element).</summary>
    public BuiltInType Type { get; }

    /// <summary>The value: a scalar of the CLR type for <see cref="Type"/>, a T[] for arrays, or null.</summary>
    public object? Value { get; }

    /// <summary>True for arrays and matrices.</summary>
    public bool IsArray { get; }

    /// <summary>The dimension lengths of a matrix, or null for scalars and one-dimensional arrays.</summary>
    public int[]? ArrayDimensions { get; }

    /// <summary>True when the variant holds nothing.</summary>
    public bool IsNull => Type == BuiltInType.Null;

    /// <summary>Converts a numeric or Boolean scalar to double (the gateway's hot path); false for anything else.</summary>
    public bool TryGetDouble(out double value)
    {
        if (IsArray || Value is null)
        {
            value = 0;
            return false;
        }

        switch (Type)
        {
            case BuiltInType.Boolean: value = (bool)Value ? 1 : 0; return true;
            case BuiltInType.SByte: value = (sbyte)Value; return true;
            case BuiltInType.Byte: value = (byte)Value; return true;
            case BuiltInType.Int16: value = (short)Value; return true;
            case BuiltInType.UInt16: value = (ushort)Value; return true;
            case BuiltInType.Int32: value = (int)Value; return true;
            case BuiltInType.UInt32: value = (uint)Value; return true;
            case BuiltInType.Int64: value = (long)Value; return true;
            case BuiltInType.UInt64: value = (ulong)Value; return true;
            case BuiltInType.Float: value = (float)Value; return true;
            case BuiltInType.Double: value = (double)Value; return true;
            case BuiltInType.StatusCode: value = ((StatusCode)Value).Code; return true;
            default: value = 0; return false;
        }
    }

    /// <summary>Creates a Double variant.</summary>
    public static implicit operator Variant(double value) => new(BuiltInType.Double, value);

    /// <summary>Creates a Float variant.</summary>
    public static implicit operator Variant(float value) => new(BuiltInType.Float, value);

    /// <summary>Creates an Int32 variant.</summary>
    public static implicit operator Variant(int value) => new(BuiltInType.Int32, value);

    /// <summary>Creates a UInt32 variant.</summary>
    public static implicit operator Variant(uint value) => new(BuiltInType.UInt32, value);

    /// <summary>Creates an Int16 variant.</summary>
    public static implicit operator Variant(short value) => new(BuiltInType.Int16, value);

    /// <summary>Creates a UInt16 variant.</summary>
    public static implicit operator Variant(ushort value) => new(BuiltInType.UInt16, value);

    /// <summary>Creates an Int64 variant.</summary>
    public static implicit operator Variant(long value) => new(BuiltInType.Int64, value);

    /// <summary>Creates a UInt64 variant.</summary>
    public static implicit operator Variant(ulong value) => new(BuiltInType.UInt64, value);

    /// <summary>Creates a Byte variant.</summary>
    public static implicit operator Variant(byte value) => new(BuiltInType.Byte, value);

    /// <summary>Creates an SByte variant.</summary>
    public static implicit operator Variant(sbyte value) => new(BuiltInType.SByte, value);

    /// <summary>Creates a Boolean variant.</summary>
    public static implicit operator Variant(bool value) => new(BuiltInType.Boolean, value);

    /// <summary>Creates a String variant.</summary>
    public static implicit operator Variant(string? value) => new(BuiltInType.String, value);

    /// <summary>Creates a DateTime variant.</summary>
    public static implicit operator Variant(DateTime value) => new(BuiltInType.DateTime, value);

    /// <summary>Creates a Guid variant.</summary>
    public static implicit operator Variant(Guid value) => new(BuiltInType.Guid, value);

    /// <summary>Creates a NodeId variant.</summary>
    public static implicit operator Variant(NodeId value) => new(BuiltInType.NodeId, value);

    /// <summary>Creates a StatusCode variant.</summary>
    public static implicit operator Variant(StatusCode value) => new(BuiltInType.StatusCode, value);

    /// <summary>Creates a QualifiedName variant.</summary>
    public static implicit operator Variant(QualifiedName value) => new(BuiltInType.QualifiedName, value);

    /// <summary>Creates a LocalizedText variant.</summary>
    public static implicit operator Variant(LocalizedText value) => new(BuiltInType.LocalizedText, value);

    /// <summary>Creates a one-dimensional array variant from a typed array (element type inferred).</summary>
    public static Variant FromArray<T>(T[] values, BuiltInType elementType, int[]? arrayDimensions = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Variant(elementType, values, isArray: true, arrayDimensions);
    }

    /// <summary>Creates a variant the decoder built type-correct by construction (skips validation on the hot path).</summary>
    internal static Variant CreateUnchecked(BuiltInType type, object? value, bool isArray, int[]? arrayDimensions)
        => new(type, value, isArray, arrayDimensions, unchecked_: true);

    /// <inheritdoc />
    public bool Equals(Variant other)
    {
        return Type == other.Type && IsArray == other.IsArray
            && DimensionsEqual(ArrayDimensions, other.ArrayDimensions)
            && ValueEquals(Value, other.Value);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Variant other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, IsArray, Value is Array array ? array.Length : Value?.GetHashCode() ?? 0);

    /// <summary>Equality.</summary>
    public static bool operator ==(Variant left, Variant right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Variant left, Variant right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString()
    {
        if (Value is null)
        {
            return Type == BuiltInType.Null ? "(null)" : $"({Type} null)";
        }

        if (IsArray)
        {
            var array = (Array)Value;
            var items = new List<string>(Math.Min(array.Length, 10));
            for (var i = 0; i < array.Length && i < 10; i++)
            {
                items.Add(FormatScalar(Type, array.GetValue(i)));
            }

            var more = array.Length > 10 ? ", …" : string.Empty;
            return $"[{string.Join(", ", items)}{more}]";
        }

        return FormatScalar(Type, Value);
    }

    internal static bool ValueEquals(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (left is byte[] leftBytes && right is byte[] rightBytes)
        {
            return leftBytes.AsSpan().SequenceEqual(rightBytes);
        }

        if (left is Array leftArray && right is Array rightArray)
        {
            if (leftArray.Length != rightArray.Length || leftArray.GetType() != rightArray.GetType())
            {
                return false;
            }

            for (var i = 0; i < leftArray.Length; i++)
            {
                if (!ValueEquals(leftArray.GetValue(i), rightArray.GetValue(i)))
                {
                    return false;
                }
            }

            return true;
        }

        return left.Equals(right);
    }

    private static bool DimensionsEqual(int[]? left, int[]? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return left.AsSpan().SequenceEqual(right);
    }

    private static string FormatScalar(BuiltInType type, object? value) => value switch
    {
        null => "null",
        byte[] bytes => $"0x{Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 32)))}{(bytes.Length > 32 ? "…" : string.Empty)}",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => type == BuiltInType.String ? $"\"{value}\"" : value.ToString() ?? string.Empty,
    };

    private static void Validate(BuiltInType type, object? value, bool isArray, int[]? arrayDimensions)
    {
        if (type == BuiltInType.Null)
        {
            if (value is not null)
            {
                throw new ArgumentException("A Null variant cannot carry a value.", nameof(value));
            }

            return;
        }

        var clrType = BuiltInTypes.ClrType(type)!;
        if (isArray)
        {
            if (value is null || value.GetType() != clrType.MakeArrayType())
            {
                throw new ArgumentException($"An array variant of {type} needs a {clrType.Name}[] value.", nameof(value));
            }

            if (arrayDimensions is not null)
            {
                long product = 1;
                foreach (var dimension in arrayDimensions)
                {
                    if (dimension < 0)
                    {
                        throw new ArgumentException("Array dimensions cannot be negative.", nameof(arrayDimensions));
                    }

                    product *= dimension;
                }

                if (product != ((Array)value).Length)
                {
                    throw new ArgumentException("The product of the array dimensions must equal the array length.", nameof(arrayDimensions));
                }
            }

            return;
        }

        if (type == BuiltInType.Variant)
        {
            throw new ArgumentException("A Variant can only contain other Variants as array elements.", nameof(type));
        }

        if (arrayDimensions is not null)
        {
            throw new ArgumentException("Only arrays have dimensions.", nameof(arrayDimensions));
        }

        if (value is null)
        {
            if (!BuiltInTypes.IsNullable(type))
            {
                throw new ArgumentException($"A {type} scalar cannot be null.", nameof(value));
            }

            return;
        }

        if (value.GetType() != clrType)
        {
            throw new ArgumentException($"A {type} scalar must be a {clrType.Name}, not {value.GetType().Name}.", nameof(value));
        }
    }
}
