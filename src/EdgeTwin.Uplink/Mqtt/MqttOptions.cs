using EdgeTwin.Core.Configuration;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeTwin.Uplink.Mqtt;

/// <summary>Builds the MQTTnet client options of one connect attempt from the validated settings.</summary>
internal static class MqttOptions
{
    /// <summary>mqtt:// defaults to 1883, mqtts:// to 8883.</summary>
    public static MqttClientOptions Build(MqttConfig config, string clientId, MqttApplicationMessage will, TlsMaterial? tls)
    {
        var port = config.Url.IsDefaultPort || config.Url.Port <= 0 ? (tls is null ? 1883 : 8883) : config.Url.Port;
        var v5 = config.ProtocolVersion != 4;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(config.Url.Host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithCleanSession(config.CleanSession)
            .WithKeepAlivePeriod(config.KeepAlive)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(will.Topic)
            .WithWillPayload(System.Buffers.BuffersExtensions.ToArray(will.Payload))
            .WithWillRetain(will.Retain)
            .WithWillQualityOfServiceLevel(will.QualityOfServiceLevel);
        if (!config.CleanSession && v5)
        {
            // A persistent session outlives the connection (MQTT 5; 3.1.1 sessions persist without expiry).
            builder.WithSessionExpiryInterval(uint.MaxValue);
        }

        if (config.Username is not null)
        {
            builder.WithCredentials(config.Username, Credentials.ReadPassword(config));
        }

        if (tls is not null)
        {
            builder.WithTlsOptions(o =>
            {
                o.UseTls();
                o.WithTargetHost(tls.ServerName);
                o.WithCertificateValidationHandler(e => tls.Validate(e.Certificate, e.Chain, e.SslPolicyErrors));
                if (tls.Client is { } client)
                {
                    o.WithClientCertificates(new[] { client });
                }
            });
        }

        return builder.Build();
    }
}
