using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeTwin.Acquisition.Modbus;

namespace EdgeTwin.Gateway.Cli.Bench;

/// <summary>What <c>edgetwin bench ... --json</c> writes: the machine and every section.</summary>
/// <param name="Machine">Where it ran.</param>
/// <param name="Sections">The figures.</param>
public sealed record BenchDocument(BenchMachine Machine, IReadOnlyList<BenchSection> Sections);

/// <summary>
/// The benchmark reports' JSON, generated at build time (the package is compiled ahead of time, where reflection
/// cannot build serialisers). Sections: camelCase, nulls left out, NaN and infinities as names; the single-figure
/// reports of <c>bench modbus</c>, <c>bench models</c> and <c>bench opcua</c>: their property names as they are.
/// </summary>
[JsonSerializable(typeof(BenchDocument))]
[JsonSerializable(typeof(ModbusPollBenchmarkReport))]
[JsonSerializable(typeof(ModelBenchmarkReport))]
[JsonSerializable(typeof(OpcUaBenchmarkReport))]
internal sealed partial class BenchJson : JsonSerializerContext
{
    /// <summary>For <see cref="BenchDocument"/>.</summary>
    public static BenchJson Sections { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>For the single-figure reports.</summary>
    public static BenchJson Reports { get; } = new(new JsonSerializerOptions { WriteIndented = true });
}
