namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>TensorProto.DataType values used here (onnx.proto).</summary>
public enum OnnxDataType
{
    /// <summary>Not set.</summary>
    Undefined = 0,

    /// <summary>32-bit IEEE float.</summary>
    Float = 1,

    /// <summary>Unsigned byte.</summary>
    UInt8 = 2,

    /// <summary>Signed byte.</summary>
    Int8 = 3,

    /// <summary>32-bit signed integer.</summary>
    Int32 = 6,

    /// <summary>64-bit signed integer.</summary>
    Int64 = 7,

    /// <summary>UTF-8 string.</summary>
    String = 8,

    /// <summary>Boolean, one byte per element.</summary>
    Bool = 9,

    /// <summary>64-bit IEEE float.</summary>
    Double = 11,
}

/// <summary>AttributeProto.AttributeType values (onnx.proto).</summary>
public enum OnnxAttributeType
{
    /// <summary>Not set.</summary>
    Undefined = 0,

    /// <summary>One float (field f).</summary>
    Float = 1,

    /// <summary>One int64 (field i).</summary>
    Int = 2,

    /// <summary>One byte string (field s).</summary>
    String = 3,

    /// <summary>One tensor (field t).</summary>
    Tensor = 4,

    /// <summary>A list of floats.</summary>
    Floats = 6,

    /// <summary>A list of int64.</summary>
    Ints = 7,

    /// <summary>A list of byte strings.</summary>
    Strings = 8,
}
