namespace EdgeTwin.OpcUa.Security;

/// <summary>The signing key, encrypting key and initialization vector of one direction of a channel.</summary>
public sealed record SymmetricKeySet(byte[] SigningKey, byte[] EncryptingKey, byte[] InitializationVector);
