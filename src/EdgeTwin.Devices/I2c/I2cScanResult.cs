namespace EdgeTwin.Devices.I2c;

/// <summary>One responding address found by <see cref="I2cBusScanner"/>.</summary>
/// <param name="Address">The 7-bit address.</param>
/// <param name="Chip">The recognised chip, or <see langword="null"/> when the device answered but is not one we know.</param>
public readonly record struct I2cScanResult(int Address, I2cChip? Chip)
{
    /// <inheritdoc />
    public override string ToString() => $"0x{Address:X2} {Chip?.ToString() ?? "unknown"}";
}
