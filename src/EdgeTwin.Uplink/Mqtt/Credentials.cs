using EdgeTwin.Core.Configuration;

namespace EdgeTwin.Uplink.Mqtt;

/// <summary>Reads the broker password from a file or an environment variable (never from the config itself).</summary>
internal static class Credentials
{
    public static string ReadPassword(MqttConfig config)
    {
        if (config.PasswordFile is { } file)
        {
            return File.ReadLines(file).FirstOrDefault()?.TrimEnd('\r') ?? string.Empty;
        }

        if (config.PasswordEnv is { } env)
        {
            return Environment.GetEnvironmentVariable(env)
                ?? throw new InvalidOperationException($"mqtt.passwordEnv: environment variable {env} is not set");
        }

        return string.Empty;
    }
}
