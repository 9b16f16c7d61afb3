using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeTwin.Models.Manifest;

/// <summary>
/// The manifest's JSON contract, generated at build time: the package is compiled ahead of time, where reflection
/// cannot build serialisers. camelCase names, nulls left out, enums as camelCase strings, indented.
/// </summary>
/// <remarks>
/// The manifest properties with a default (format, version, name, window, rank, appliedBy) have setters, not
/// <c>init</c>: generated code sets every <c>init</c> property in one object initialiser, so a property missing from
/// the JSON would get the type's default (an empty format, window 0) instead of the declared one.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 16,
    Converters = [typeof(NormalizationSiteConverter)])]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ManifestJson : JsonSerializerContext;

/// <summary><see cref="NormalizationSite"/> as "model" or "scorer" (read in any case).</summary>
internal sealed class NormalizationSiteConverter() : JsonStringEnumConverter<NormalizationSite>(JsonNamingPolicy.CamelCase);
