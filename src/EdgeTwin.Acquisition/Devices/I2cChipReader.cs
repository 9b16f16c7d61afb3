using System.Device.I2c;
using EdgeTwin.Devices.Ads1x15;
using EdgeTwin.Devices.Bmx280;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Ina2xx;
using EdgeTwin.Devices.Shtxx;

namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// Reads the configured points of one I2C device in one cycle, through the chip's driver or generic registers.
/// A fault throws an <see cref="I2cDeviceException"/> and leaves <c>values</c> undefined; the drivers
/// re-initialise on their next read, so the next cycle retries from scratch.
/// </summary>
internal abstract class I2cChipReader
{
    protected I2cChipReader(IReadOnlyList<I2cPointPlan> plans) => Plans = plans;

    /// <summary>The points, in the order of the values array.</summary>
    protected IReadOnlyList<I2cPointPlan> Plans { get; }

    /// <summary>Creates the reader of a device.</summary>
    public static I2cChipReader Create(I2cDriverOptions options, I2cDevice device, IReadOnlyList<I2cPointPlan> plans, TimeProvider time) => options.Chip switch
    {
        I2cChip.Bme280 => new Bme280Reader(new Bme280(device, options.Bme280, time), plans),
        I2cChip.Sht3x => new TemperatureHumidityReader(new Sht3x(device, options.Sht3xRepeatability, time).ReadAsync, plans),
        I2cChip.Sht4x => new TemperatureHumidityReader(new Sht4x(device, options.Sht4xPrecision, time).ReadAsync, plans),
        I2cChip.Ads1115 => new Ads1115Reader(new Ads1115(device, options.Ads1115Gain, options.Ads1115DataRate, time), plans),
        I2cChip.Ina219 => new Ina219Reader(new Ina219(device, options.Ina219, time), plans),
        null => new RegisterReader(new I2cRegisterReader(device), plans),
        _ => throw new NotSupportedException($"No driver for {options.Chip}."),
    };

    /// <summary>Reads every point into <paramref name="values"/> (indexed like the plans).</summary>
    public abstract ValueTask ReadAsync(RawReading[] values, CancellationToken cancellationToken);

    private sealed class Bme280Reader(Bme280 driver, IReadOnlyList<I2cPointPlan> plans) : I2cChipReader(plans)
    {
        public override async ValueTask ReadAsync(RawReading[] values, CancellationToken cancellationToken)
        {
            Bme280Reading r = await driver.ReadAsync(cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < Plans.Count; i++)
            {
                double? value = Plans[i].Measurement!.Quantity switch
                {
                    I2cQuantity.Temperature => r.TemperatureCelsius,
                    I2cQuantity.Pressure => r.PressurePascal,
                    _ => r.HumidityPercent,
                };
                values[i] = value is { } v ? new RawReading(v) : RawReading.Bad($"BME280 delivered no {Plans[i].Measurement!.Name}");
            }
        }
    }

    private sealed class TemperatureHumidityReader(
        Func<CancellationToken, ValueTask<TemperatureHumidityReading>> read, IReadOnlyList<I2cPointPlan> plans) : I2cChipReader(plans)
    {
        public override async ValueTask ReadAsync(RawReading[] values, CancellationToken cancellationToken)
        {
            TemperatureHumidityReading r = await read(cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < Plans.Count; i++)
            {
                values[i] = new RawReading(Plans[i].Measurement!.Quantity == I2cQuantity.Temperature ? r.TemperatureCelsius : r.HumidityPercent);
            }
        }
    }

    private sealed class Ads1115Reader(Ads1115 driver, IReadOnlyList<I2cPointPlan> plans) : I2cChipReader(plans)
    {
        private readonly Ads1115Input[] _inputs = [.. plans.Select(p => Input(p.Measurement!.Quantity))];

        public override async ValueTask ReadAsync(RawReading[] values, CancellationToken cancellationToken)
        {
            // One conversion per distinct input: two points may scale the same input differently.
            for (int i = 0; i < Plans.Count; i++)
            {
                int first = Array.IndexOf(_inputs, _inputs[i]);
                if (first < i)
                {
                    values[i] = values[first];
                    continue;
                }

                Ads1115Reading r = await driver.ReadAsync(_inputs[i], cancellationToken).ConfigureAwait(false);

                // A code at a rail means the input is at or beyond full scale: the value is a bound, not a reading.
                values[i] = new RawReading(r.Volts, r.IsClipped ? Core.Samples.Quality.Uncertain : Core.Samples.Quality.Good);
            }
        }

        private static Ads1115Input Input(I2cQuantity quantity) => quantity switch
        {
            I2cQuantity.Ain0 => Ads1115Input.Ain0,
            I2cQuantity.Ain1 => Ads1115Input.Ain1,
            I2cQuantity.Ain2 => Ads1115Input.Ain2,
            I2cQuantity.Ain3 => Ads1115Input.Ain3,
            I2cQuantity.Diff01 => Ads1115Input.Ain0MinusAin1,
            I2cQuantity.Diff03 => Ads1115Input.Ain0MinusAin3,
            I2cQuantity.Diff13 => Ads1115Input.Ain1MinusAin3,
            _ => Ads1115Input.Ain2MinusAin3,
        };
    }

    private sealed class Ina219Reader(Ina219 driver, IReadOnlyList<I2cPointPlan> plans) : I2cChipReader(plans)
    {
        public override async ValueTask ReadAsync(RawReading[] values, CancellationToken cancellationToken)
        {
            Ina219Reading r = await driver.ReadAsync(cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < Plans.Count; i++)
            {
                I2cQuantity quantity = Plans[i].Measurement!.Quantity;
                values[i] = quantity switch
                {
                    I2cQuantity.BusVoltage => new RawReading(r.BusVolts),
                    I2cQuantity.ShuntVoltage => new RawReading(r.ShuntVolts),

                    // OVF: the power engine overflowed, current and power are meaningless (datasheet 8.6.3.2).
                    _ when r.MathOverflow => RawReading.Bad("INA219 math overflow: current beyond the calibrated range (raise maxCurrent)"),
                    I2cQuantity.Current => new RawReading(r.Amperes),
                    _ => new RawReading(r.Watts),
                };
            }
        }
    }

    private sealed class RegisterReader(I2cRegisterReader reader, IReadOnlyList<I2cPointPlan> plans) : I2cChipReader(plans)
    {
        public override ValueTask ReadAsync(RawReading[] values, CancellationToken cancellationToken)
        {
            for (int i = 0; i < Plans.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double raw = reader.Read(Plans[i].Register!);
                values[i] = new RawReading(Plans[i].AsBool ? (raw != 0 ? 1 : 0) : raw);
            }

            return ValueTask.CompletedTask;
        }
    }
}
