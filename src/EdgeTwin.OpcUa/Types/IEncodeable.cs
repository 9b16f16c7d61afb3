using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa;

/// <summary>A structure with a UA Binary encoding: requests, responses and the structures they carry.</summary>
public interface IEncodeable
{
    /// <summary>The NodeId of the structure's DefaultBinary encoding (used as ExtensionObject TypeId and message type).</summary>
    NodeId BinaryEncodingId { get; }

    /// <summary>Writes the structure's fields in order.</summary>
    void Encode(BinaryEncoder encoder);
}

/// <summary>A structure that can also decode itself (used for typed arrays and the decoder registry).</summary>
/// <typeparam name="TSelf">The structure type.</typeparam>
public interface IEncodeable<TSelf> : IEncodeable
    where TSelf : IEncodeable<TSelf>
{
    /// <summary>Reads the structure's fields in order.</summary>
    static abstract TSelf Decode(BinaryDecoder decoder);
}
