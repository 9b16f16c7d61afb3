using EdgeTwin.Core.Configuration;

namespace EdgeTwin.Uplink.Mqtt;

/// <summary>Reads the broker password from a file or an environment variable (never from the config itself, never logged).</summary>
internal static class Credentials
{
    public static string ReadPassword(MqttConfig config)
    {
        if (config.PasswordFile is { } file)
        {
            try
            {
                return File.ReadLines(file).FirstOrDefault()?.TrimEnd('\r') ?? string.Empty;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UplinkConfigurationException($"mqtt.passwordFile: cannot read '{file}': {ex.Message}", ex);
            }
        }

        if (config.PasswordEnv is { } env)
        {
            return Environment.GetEnvironmentVariable(env)
                ?? throw new UplinkConfigurationException($"mqtt.passwordEnv: environment variable {env} is not set");
        }

        return string.Empty;
    }
}
