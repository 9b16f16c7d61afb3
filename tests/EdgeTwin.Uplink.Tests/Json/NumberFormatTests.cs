using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeTwin.Uplink.Json;

namespace EdgeTwin.Uplink.Tests.Json;

/// <summary>Numbers in payloads: whole numbers take a faster path that must print exactly what the general one does.</summary>
public sealed class NumberFormatTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    [InlineData(65535.0)]
    [InlineData(-32768.0)]
    [InlineData(4294967295.0)]
    [InlineData(1764000000000.0)]
    [InlineData(999_999_999_999_999.0)]
    [InlineData(-999_999_999_999_999.0)]
    [InlineData(1e15)]
    [InlineData(-1e15)]
    [InlineData(1e20)]
    [InlineData(9007199254740993.0)]
    [InlineData(0.5)]
    [InlineData(-2.5)]
    [InlineData(123.456)]
    [InlineData(0.1)]
    [InlineData(1e-7)]
    public void A_double_prints_as_its_15_significant_digits(double value)
    {
        Assert.Equal(value.ToString("G15", CultureInfo.InvariantCulture), Write(value, single: false));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(7f)]
    [InlineData(-7f)]
    [InlineData(16_777_215f)]
    [InlineData(-16_777_215f)]
    [InlineData(16_777_216f)]
    [InlineData(1e9f)]
    [InlineData(123456789f)]
    [InlineData(0.1f)]
    [InlineData(21.5f)]
    public void A_float_prints_as_its_shortest_round_trip_digits(float value)
    {
        Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture), Write(value, single: true));
    }

    [Fact]
    public void Negative_zero_keeps_its_sign_and_non_finite_values_are_null()
    {
        Assert.Equal("-0", Write(-0.0, single: false));
        Assert.Equal("-0", Write(-0.0, single: true));
        Assert.Equal("null", Write(double.NaN, single: false));
        Assert.Equal("null", Write(double.PositiveInfinity, single: true));
    }

    [Fact]
    public void Whole_numbers_of_every_magnitude_print_as_the_general_format_does()
    {
        var random = new Random(20261124);
        for (var i = 0; i < 20_000; i++)
        {
            // Whole numbers from 1 to about 10^16 digits wide, both signs, around both limits.
            var magnitude = Math.Pow(10, random.NextDouble() * 16);
            var value = Math.Floor(magnitude) * (random.Next(2) == 0 ? 1 : -1);
            Assert.Equal(value.ToString("G15", CultureInfo.InvariantCulture), Write(value, single: false));
            var single = (float)Math.Floor(random.NextDouble() * JsonFormat.WholeFloatLimit * 2) * (random.Next(2) == 0 ? 1 : -1);
            Assert.Equal(single.ToString("R", CultureInfo.InvariantCulture), Write(single, single: true));
        }
    }

    private static string Write(double value, bool single)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonFormat.WriteNumberValue(writer, value, single);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
