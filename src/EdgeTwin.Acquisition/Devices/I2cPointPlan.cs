using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Devices.I2c;

namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// How one configured point is read from its I2C device: a measurement of the chip's driver, or a generic
/// register (with <see cref="AsBool"/> for a one-byte flag read as 0/1).
/// </summary>
/// <param name="Measurement">The measurement, for chips with a driver.</param>
/// <param name="Register">The register, for generic chips.</param>
/// <param name="AsBool">Report a register as 0 (zero) or 1 (non-zero).</param>
internal sealed record I2cPointPlan(I2cMeasurement? Measurement, I2cRegisterPoint? Register, bool AsBool = false)
{
    /// <summary>Builds the plan of <paramref name="point"/>; problems go to <paramref name="errors"/> and give null.</summary>
    public static I2cPointPlan? Create(I2cChip? chip, PointConfig point, ICollection<SensorConfigError> errors)
    {
        int before = errors.Count;
        I2cPointConfig? i2c = point.I2c;
        if (point.Writable is not null)
        {
            errors.Add(new SensorConfigError("writable", "I2C sensor points are read-only"));
        }

        if (point.Poll is not null)
        {
            errors.Add(new SensorConfigError("poll", "I2C points are read together at the device's poll interval; set poll on the device"));
        }

        if (i2c is null)
        {
            errors.Add(new SensorConfigError("measurement", "the point has no i2c measurement or register"));
            return null;
        }

        I2cPointPlan? plan = chip is null ? CreateRegister(point, i2c, errors) : CreateMeasurement(chip.Value, point, i2c, errors);
        return errors.Count == before ? plan : null;
    }

    private static I2cPointPlan? CreateMeasurement(I2cChip chip, PointConfig point, I2cPointConfig i2c, ICollection<SensorConfigError> errors)
    {
        string name = I2cSensorCatalog.NameOf(chip);
        if (i2c.Register is not null || i2c.Length is not null)
        {
            errors.Add(new SensorConfigError(i2c.Register is not null ? "register" : "length", $"register points are for chip: generic; {name} points use measurement"));
        }

        if (point.Type is not (PointType.Float64 or PointType.Float32))
        {
            errors.Add(new SensorConfigError("type", $"{name} measurements are numbers (float64); leave type out"));
        }

        if (!I2cSensorCatalog.TryGetMeasurement(chip, i2c.Measurement, out I2cMeasurement measurement))
        {
            string provided = string.Join(", ", I2cSensorCatalog.Measurements(chip).Select(m => m.Name));
            errors.Add(new SensorConfigError("measurement", i2c.Measurement is null
                ? $"{name} points need measurement: one of {provided}"
                : $"{name} has no measurement '{i2c.Measurement}' (it provides {provided})"));
            return null;
        }

        return new I2cPointPlan(measurement, null);
    }

    private static I2cPointPlan? CreateRegister(PointConfig point, I2cPointConfig i2c, ICollection<SensorConfigError> errors)
    {
        if (i2c.Measurement is not null)
        {
            errors.Add(new SensorConfigError("measurement", "generic chips have no measurements; read a register with register, type and length"));
        }

        if (i2c.Register is not { } register)
        {
            errors.Add(new SensorConfigError("register", "generic I2C points need register"));
            return null;
        }

        // A one-byte length turns the 16/32-bit integer types into their 8-bit forms (signedness kept).
        I2cDataType? dataType = (point.Type, i2c.Length) switch
        {
            (PointType.Bool, null or 1) => I2cDataType.UInt8,
            (PointType.UInt16 or PointType.UInt32, 1) => I2cDataType.UInt8,
            (PointType.Int16 or PointType.Int32, 1) => I2cDataType.Int8,
            (PointType.UInt16, null or 2) => I2cDataType.UInt16,
            (PointType.Int16, null or 2) => I2cDataType.Int16,
            (PointType.UInt32, null or 4) => I2cDataType.UInt32,
            (PointType.Int32, null or 4) => I2cDataType.Int32,
            (PointType.Float32, null or 4) => I2cDataType.Float32,
            _ => null,
        };
        if (dataType is null)
        {
            errors.Add(point.Type is PointType.Bool or PointType.Int16 or PointType.UInt16 or PointType.Int32 or PointType.UInt32 or PointType.Float32
                ? new SensorConfigError("length", $"length {i2c.Length} does not fit type {point.Type.ToName()} (1 byte for bool and 8-bit values, 2 for int16/uint16, 4 for int32/uint32/float32)")
                : new SensorConfigError("type", $"generic I2C registers need type bool, int16, uint16, int32, uint32 or float32 (with length 1 for 8-bit values), not {point.Type.ToName()}"));
            return null;
        }

        // ABCD: bytes big-endian, high word first; CDAB swaps the words; BADC swaps the bytes; DCBA both.
        I2cByteOrder byteOrder = i2c.Order is WordOrder.BADC or WordOrder.DCBA ? I2cByteOrder.LittleEndian : I2cByteOrder.BigEndian;
        I2cWordOrder wordOrder = i2c.Order is WordOrder.CDAB or WordOrder.DCBA ? I2cWordOrder.LowWordFirst : I2cWordOrder.HighWordFirst;
        int length = I2cRegisterPoint.SizeOf(dataType.Value);
        if (register + length > 0x100)
        {
            errors.Add(new SensorConfigError("register", $"{length} bytes from register 0x{register:X2} run past 0xFF"));
            return null;
        }

        return new I2cPointPlan(null, new I2cRegisterPoint((byte)register, length, dataType.Value, byteOrder, wordOrder), point.Type == PointType.Bool);
    }
}
