using System.Security.Cryptography;
using EdgeTwin.OpcUa.Security;

namespace EdgeTwin.OpcUa.SecureChannel;

/// <summary>A channel security token and the cipher objects built from its derived keys.</summary>
internal sealed class SecurityToken
{
    public SecurityToken(uint channelId, uint tokenId, DateTime createdAt, TimeSpan lifetime, ChannelKeys keys)
    {
        ChannelId = channelId;
        TokenId = tokenId;
        CreatedAt = createdAt;
        Lifetime = lifetime;
        Keys = keys;
        if (keys.Client.EncryptingKey.Length > 0)
        {
            ClientCipher = Aes.Create();
            ClientCipher.Key = keys.Client.EncryptingKey;
            ServerCipher = Aes.Create();
            ServerCipher.Key = keys.Server.EncryptingKey;
        }
    }

    public uint ChannelId { get; }

    public uint TokenId { get; }

    public DateTime CreatedAt { get; }

    public TimeSpan Lifetime { get; }

    public ChannelKeys Keys { get; }

    /// <summary>Encrypts what the client sends.</summary>
    public Aes? ClientCipher { get; }

    /// <summary>Decrypts what the server sends.</summary>
    public Aes? ServerCipher { get; }
}
