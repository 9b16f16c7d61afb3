using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.OpcUa;
using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Services;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Acquisition.OpcUa;

/// <summary>Builds <see cref="OpcUaDeviceSource"/>s for the gateway.</summary>
public static class OpcUaSourceFactory
{
    /// <summary>True when <paramref name="device"/> is an OPC UA device.</summary>
    public static bool Handles(DeviceConfig device) => device.OpcUa is not null;

    /// <summary>
    /// Creates the loop of device <paramref name="deviceIndex"/> of <paramref name="points"/>. The client's PKI
    /// (own certificate, trusted/ and rejected/ server certificates) is the device's <c>pki</c> setting or else
    /// <paramref name="defaultPkiRoot"/> (the gateway puts it beside its database). The password of a user name is
    /// read from the device's password file now. Throws <see cref="ArgumentException"/> naming the device or point
    /// when the configuration cannot be used.
    /// </summary>
    public static OpcUaDeviceSource Create(int deviceIndex, DeviceConfig device, PointTable points, string defaultPkiRoot, ILoggerFactory loggerFactory, TimeProvider timeProvider, ReconnectPolicy? reconnect = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var ua = device.OpcUa ?? throw new ArgumentException($"Device {device.Id} is not an OPC UA device.", nameof(device));
        if (deviceIndex < 0 || deviceIndex >= points.Devices.Count || points.Devices[deviceIndex].Id != device.Id)
        {
            throw new ArgumentException($"Device {device.Id} is not device {deviceIndex} of the point table.", nameof(deviceIndex));
        }

        var infos = points.PointsOf(deviceIndex);
        var mapped = new OpcUaPoint[infos.Count];
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (info.Config.OpcUa is not { } pointConfig)
            {
                throw new ArgumentException($"device '{device.Id}' point '{info.Id}': an OPC UA point needs 'nodeId'.", nameof(device));
            }

            if (!NodeId.TryParse(pointConfig.NodeId, out var nodeId))
            {
                throw new ArgumentException($"device '{device.Id}' point '{info.Id}': nodeId '{pointConfig.NodeId}' is not a NodeId (e.g. ns=1;s=Temperature or i=2258).", nameof(device));
            }

            mapped[i] = new OpcUaPoint(info, nodeId, (uint)i);
        }

        var options = CreateOptions(ua, ua.Pki ?? defaultPkiRoot, $"EdgeTwin {device.Id}", $"device '{device.Id}'");
        return new OpcUaDeviceSource(deviceIndex, device, points, mapped, options, loggerFactory.CreateLogger<OpcUaDeviceSource>(), timeProvider, reconnect);
    }

    /// <summary>
    /// The client options of <paramref name="config"/> (also used by the CLI): security policy and mode, user name
    /// with the password from its file, PKI folder and auto-accept flag. <paramref name="what"/> names the source of
    /// the settings in error messages.
    /// </summary>
    public static OpcUaClientOptions CreateOptions(OpcUaDeviceConfig config, string pkiRoot, string sessionName, string what)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!Enum.TryParse<MessageSecurityMode>(config.SecurityMode, ignoreCase: true, out var mode) || mode == MessageSecurityMode.Invalid || !Enum.IsDefined(mode))
        {
            throw new ArgumentException($"{what}: securityMode '{config.SecurityMode}' is not one of None, Sign, SignAndEncrypt.");
        }

        var identity = UserIdentity.Anonymous;
        if (!string.IsNullOrEmpty(config.Username))
        {
            if (string.IsNullOrEmpty(config.PasswordFile))
            {
                throw new ArgumentException($"{what}: username '{config.Username}' needs passwordFile (a file holding the password).");
            }

            string password;
            try
            {
                password = File.ReadAllText(config.PasswordFile).TrimEnd('\r', '\n');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"{what}: cannot read passwordFile '{config.PasswordFile}': {ex.Message}", ex);
            }

            identity = UserIdentity.FromUserName(config.Username, password);
        }

        try
        {
            return new OpcUaClientOptions
            {
                EndpointUrl = config.Endpoint,
                SecurityPolicy = config.SecurityPolicy,
                SecurityMode = mode,
                Identity = identity,
                PkiRoot = pkiRoot,
                AutoAcceptUntrustedCertificates = config.AutoAcceptServerCertificate,
                SessionName = sessionName,
            }.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{what}: {ex.Message}", ex);
        }
    }
}
