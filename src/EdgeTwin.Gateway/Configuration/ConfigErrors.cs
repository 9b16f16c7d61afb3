using YamlDotNet.Core;

namespace EdgeTwin.Gateway.Configuration;

/// <summary>Collects errors while a file is read.</summary>
internal sealed class ConfigErrors
{
    private readonly List<ConfigError> _errors = new();

    public ConfigErrors(string file) => File = file;

    public string File { get; }

    public IReadOnlyList<ConfigError> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(Mark at, string key, string message) => _errors.Add(new ConfigError(File, at.Line, at.Column, key, message));
}
