using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>
/// The shape most service responses share: the response header, one result per item of the request (in its order)
/// and their diagnostics. A response derives from it and adds only its encoding id and its <c>Decode</c>.
/// </summary>
/// <typeparam name="TResult">The result of one item.</typeparam>
/// <typeparam name="TCodec">How a result is written and read.</typeparam>
public abstract record ResultsResponse<TResult, TCodec> : IServiceResponse
    where TCodec : IElementCodec<TResult>
{
    /// <inheritdoc />
    public abstract NodeId BinaryEncodingId { get; }

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>One result per item of the request.</summary>
    public IReadOnlyList<TResult> Results { get; init; } = [];

    /// <summary>Diagnostics.</summary>
    public IReadOnlyList<DiagnosticInfo?> DiagnosticInfos { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        encoder.WriteEncodeable(ResponseHeader);
        encoder.WriteArray(Results, static (e, value) => TCodec.Write(e, value));
        encoder.WriteArray(DiagnosticInfos, static (e, value) => e.WriteDiagnosticInfo(value));
    }

    /// <summary>Reads the fields into a <typeparamref name="TSelf"/>; decoding errors name its arrays.</summary>
    protected static TSelf DecodeAs<TSelf>(BinaryDecoder decoder)
        where TSelf : ResultsResponse<TResult, TCodec>, new()
    {
        ArgumentNullException.ThrowIfNull(decoder);
        var name = typeof(TSelf).Name;
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            Results = decoder.ReadArray(static d => TCodec.Read(d), TCodec.ArrayName ?? name + ".Results"),
            DiagnosticInfos = decoder.ReadArray(static d => d.ReadDiagnosticInfo(), name + ".DiagnosticInfos"),
        };
    }
}

/// <summary>How one element of a <see cref="ResultsResponse{TResult, TCodec}"/> is written and read.</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IElementCodec<T>
{
    /// <summary>What a decoding error names for the array; null: the response's <c>Results</c>.</summary>
    static abstract string? ArrayName { get; }

    /// <summary>Writes one element.</summary>
    static abstract void Write(BinaryEncoder encoder, T value);

    /// <summary>Reads one element.</summary>
    static abstract T Read(BinaryDecoder decoder);
}

/// <summary>Results that are status codes.</summary>
public sealed class StatusCodeElement : IElementCodec<StatusCode>
{
    /// <inheritdoc />
    public static string? ArrayName => null;

    /// <inheritdoc />
    public static void Write(BinaryEncoder encoder, StatusCode value) => encoder.WriteStatusCode(value);

    /// <inheritdoc />
    public static StatusCode Read(BinaryDecoder decoder) => decoder.ReadStatusCode();
}

/// <summary>Results that are data values.</summary>
public sealed class DataValueElement : IElementCodec<DataValue>
{
    /// <inheritdoc />
    public static string? ArrayName => null;

    /// <inheritdoc />
    public static void Write(BinaryEncoder encoder, DataValue value) => encoder.WriteDataValue(value);

    /// <inheritdoc />
    public static DataValue Read(BinaryDecoder decoder) => decoder.ReadDataValue();
}

/// <summary>Results that are structures, written inline.</summary>
/// <typeparam name="T">The structure.</typeparam>
public sealed class EncodeableElement<T> : IElementCodec<T>
    where T : IEncodeable<T>
{
    /// <inheritdoc />
    public static string? ArrayName => typeof(T).Name;

    /// <inheritdoc />
    public static void Write(BinaryEncoder encoder, T value) => encoder.WriteEncodeable(value);

    /// <inheritdoc />
    public static T Read(BinaryDecoder decoder) => decoder.ReadEncodeable<T>();
}
