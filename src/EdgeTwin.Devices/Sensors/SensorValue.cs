namespace EdgeTwin.Devices.Sensors;

/// <summary>One named quantity of a sensor reading, for callers that handle all chips alike.</summary>
/// <param name="Quantity">Name such as <c>temperature</c>, <c>humidity</c>, <c>pressure</c>, <c>current</c>, <c>ain0</c>.</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Unit">SI-style unit: <c>°C</c>, <c>%RH</c>, <c>Pa</c>, <c>V</c>, <c>A</c>, <c>W</c>.</param>
public readonly record struct SensorValue(string Quantity, double Value, string Unit)
{
    /// <inheritdoc />
    public override string ToString() => $"{Quantity} = {Value:G6} {Unit}";
}
