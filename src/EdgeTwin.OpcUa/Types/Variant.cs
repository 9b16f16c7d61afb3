using System.Globalization;
using System.Runtime.CompilerServices;

namespace EdgeTwin.OpcUa;

/// <summary>
/// A value of any built-in type, scalar or array (flattened, with optional dimensions for matrices)
/// (OPC 10000-6 §5.2.2.16). Scalars are held as their CLR type (see <see cref="BuiltInTypes.ClrType"/>), arrays as T[].
/// Scalars of the numeric types, Boolean, StatusCode and DateTime are stored unboxed, so decoding and reading them
/// with <see cref="TryGetDouble"/> allocates nothing; <see cref="Value"/> boxes them on each access.
/// </summary>
public readonly struct Variant : IEquatable<Variant>
{
    private readonly object? _reference;
    private readonly long _bits;

    /// <summary>Creates a variant, checking that the value matches the type.</summary>
    /// <param name="type">The built-in type of the value or of each array element.</param>
    /// <param name="value">The scalar, or a T[] when <paramref name="isArray"/> is set.</param>
    /// <param name="isArray">True for arrays and matrices.</param>
    /// <param name="arrayDimensions">Dimension lengths of a matrix (their product must equal the array length), or null.</param>
    public Variant(BuiltInType type, object? value, bool isArray = false, int[]? arrayDimensions = null)
    {
        Validate(type, value, isArray, arrayDimensions);
        Type = type;
        IsArray = isArray && type != BuiltInType.Null;
        ArrayDimensions = arrayDimensions;
        if (!IsArray && IsUnboxed(type))
        {
            _bits = Pack(type, value!);
        }
        else
        {
            _reference = type == BuiltInType.Null ? null : value;
        }
    }

    /// <summary>Creates a Double variant.</summary>
    public Variant(double value)
        : this(BuiltInType.Double, Pack(value))
    {
    }

    /// <summary>Creates an Int32 variant.</summary>
    public Variant(int value)
        : this(BuiltInType.Int32, Pack(value))
    {
    }

    /// <summary>Creates a Boolean variant.</summary>
    public Variant(bool value)
        : this(BuiltInType.Boolean, Pack(value))
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
        _reference = value;
        IsArray = isArray;
        ArrayDimensions = arrayDimensions;
    }

    private Variant(BuiltInType type, long bits)
    {
        Type = type;
        _bits = bits;
    }

    /// <summary>The null variant.</summary>
    public static Variant Null => default;

    /// <summary>The built-in type of the value (or of each element).</summary>
    public BuiltInType Type { get; }

    /// <summary>The value: a scalar of the CLR type for <see cref="Type"/> (boxed on each access), a T[] for arrays, or null.</summary>
    public object? Value => IsUnboxedScalar ? Box() : _reference;

    /// <summary>True for arrays and matrices.</summary>
    public bool IsArray { get; }

    /// <summary>The dimension lengths of a matrix, or null for scalars and one-dimensional arrays.</summary>
    public int[]? ArrayDimensions { get; }

    /// <summary>True when the variant holds nothing.</summary>
    public bool IsNull => Type == BuiltInType.Null;

    private bool IsUnboxedScalar => !IsArray && IsUnboxed(Type);

    /// <summary>Converts a numeric or Boolean scalar to double (the gateway's hot path); false for anything else.</summary>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        if (IsArray)
        {
            return false;
        }

        switch (Type)
        {
            case BuiltInType.Boolean: value = Unpack<bool>() ? 1 : 0; return true;
            case BuiltInType.SByte: value = Unpack<sbyte>(); return true;
            case BuiltInType.Byte: value = Unpack<byte>(); return true;
            case BuiltInType.Int16: value = Unpack<short>(); return true;
            case BuiltInType.UInt16: value = Unpack<ushort>(); return true;
            case BuiltInType.Int32: value = Unpack<int>(); return true;
            case BuiltInType.UInt32: value = Unpack<uint>(); return true;
            case BuiltInType.Int64: value = Unpack<long>(); return true;
            case BuiltInType.UInt64: value = Unpack<ulong>(); return true;
            case BuiltInType.Float: value = Unpack<float>(); return true;
            case BuiltInType.Double: value = Unpack<double>(); return true;
            case BuiltInType.StatusCode: value = Unpack<StatusCode>().Code; return true;
            default: return false;
        }
    }

    /// <summary>Creates a Double variant.</summary>
    public static implicit operator Variant(double value) => new(BuiltInType.Double, Pack(value));

    /// <summary>Creates a Float variant.</summary>
    public static implicit operator Variant(float value) => new(BuiltInType.Float, Pack(value));

    /// <summary>Creates an Int32 variant.</summary>
    public static implicit operator Variant(int value) => new(BuiltInType.Int32, Pack(value));

    /// <summary>Creates a UInt32 variant.</summary>
    public static implicit operator Variant(uint value) => new(BuiltInType.UInt32, Pack(value));

    /// <summary>Creates an Int16 variant.</summary>
    public static implicit operator Variant(short value) => new(BuiltInType.Int16, Pack(value));

    /// <summary>Creates a UInt16 variant.</summary>
    public static implicit operator Variant(ushort value) => new(BuiltInType.UInt16, Pack(value));

    /// <summary>Creates an Int64 variant.</summary>
    public static implicit operator Variant(long value) => new(BuiltInType.Int64, Pack(value));

    /// <summary>Creates a UInt64 variant.</summary>
    public static implicit operator Variant(ulong value) => new(BuiltInType.UInt64, Pack(value));

    /// <summary>Creates a Byte variant.</summary>
    public static implicit operator Variant(byte value) => new(BuiltInType.Byte, Pack(value));

    /// <summary>Creates an SByte variant.</summary>
    public static implicit operator Variant(sbyte value) => new(BuiltInType.SByte, Pack(value));

    /// <summary>Creates a Boolean variant.</summary>
    public static implicit operator Variant(bool value) => new(BuiltInType.Boolean, Pack(value));

    /// <summary>Creates a String variant.</summary>
    public static implicit operator Variant(string? value) => new(BuiltInType.String, value);

    /// <summary>Creates a DateTime variant.</summary>
    public static implicit operator Variant(DateTime value) => new(BuiltInType.DateTime, Pack(value));

    /// <summary>Creates a Guid variant.</summary>
    public static implicit operator Variant(Guid value) => new(BuiltInType.Guid, value);

    /// <summary>Creates a NodeId variant.</summary>
    public static implicit operator Variant(NodeId value) => new(BuiltInType.NodeId, value);

    /// <summary>Creates a StatusCode variant.</summary>
    public static implicit operator Variant(StatusCode value) => new(BuiltInType.StatusCode, Pack(value));

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

    /// <summary>Creates an unboxed scalar the decoder read (<typeparamref name="T"/> is the CLR type of <paramref name="type"/>).</summary>
    internal static Variant CreateScalar<T>(BuiltInType type, T value)
        where T : unmanaged
        => new(type, Pack(value));

    /// <inheritdoc />
    public bool Equals(Variant other)
    {
        if (Type != other.Type || IsArray != other.IsArray || !DimensionsEqual(ArrayDimensions, other.ArrayDimensions))
        {
            return false;
        }

        return IsUnboxedScalar ? UnboxedEquals(other) : ValueEquals(_reference, other._reference);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Variant other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, IsArray, IsUnboxedScalar ? UnboxedHashCode() : _reference is Array array ? array.Length : _reference?.GetHashCode() ?? 0);

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

    private static bool IsUnboxed(BuiltInType type) => type is >= BuiltInType.Boolean and <= BuiltInType.Double or BuiltInType.DateTime or BuiltInType.StatusCode;

    private static long Pack<T>(T value)
        where T : unmanaged
    {
        long bits = 0;
        Unsafe.As<long, T>(ref bits) = value;
        return bits;
    }

    private static long Pack(BuiltInType type, object value) => type switch
    {
        BuiltInType.Boolean => Pack((bool)value),
        BuiltInType.SByte => Pack((sbyte)value),
        BuiltInType.Byte => Pack((byte)value),
        BuiltInType.Int16 => Pack((short)value),
        BuiltInType.UInt16 => Pack((ushort)value),
        BuiltInType.Int32 => Pack((int)value),
        BuiltInType.UInt32 => Pack((uint)value),
        BuiltInType.Int64 => Pack((long)value),
        BuiltInType.UInt64 => Pack((ulong)value),
        BuiltInType.Float => Pack((float)value),
        BuiltInType.Double => Pack((double)value),
        BuiltInType.DateTime => Pack((DateTime)value),
        _ => Pack((StatusCode)value),
    };

    private T Unpack<T>()
        where T : unmanaged
    {
        var bits = _bits;
        return Unsafe.As<long, T>(ref bits);
    }

    private object Box() => Type switch
    {
        BuiltInType.Boolean => Unpack<bool>(),
        BuiltInType.SByte => Unpack<sbyte>(),
        BuiltInType.Byte => Unpack<byte>(),
        BuiltInType.Int16 => Unpack<short>(),
        BuiltInType.UInt16 => Unpack<ushort>(),
        BuiltInType.Int32 => Unpack<int>(),
        BuiltInType.UInt32 => Unpack<uint>(),
        BuiltInType.Int64 => Unpack<long>(),
        BuiltInType.UInt64 => Unpack<ulong>(),
        BuiltInType.Float => Unpack<float>(),
        BuiltInType.Double => Unpack<double>(),
        BuiltInType.DateTime => Unpack<DateTime>(),
        _ => Unpack<StatusCode>(),
    };

    /// <summary>Equality of two unboxed scalars of the same type, as the boxed values' Equals would decide it.</summary>
    private bool UnboxedEquals(Variant other) => Type switch
    {
        BuiltInType.Float => Unpack<float>().Equals(other.Unpack<float>()),
        BuiltInType.Double => Unpack<double>().Equals(other.Unpack<double>()),
        BuiltInType.DateTime => Unpack<DateTime>().Equals(other.Unpack<DateTime>()),
        _ => _bits == other._bits,
    };

    private int UnboxedHashCode() => Type switch
    {
        BuiltInType.Float => Unpack<float>().GetHashCode(),
        BuiltInType.Double => Unpack<double>().GetHashCode(),
        BuiltInType.DateTime => Unpack<DateTime>().GetHashCode(),
        _ => _bits.GetHashCode(),
    };

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
            if (value is null || !value.GetType().IsSZArray || value.GetType().GetElementType() != clrType)
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
