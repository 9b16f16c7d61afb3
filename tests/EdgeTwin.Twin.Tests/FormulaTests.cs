using EdgeTwin.Twin.Expressions;

namespace EdgeTwin.Twin.Tests;

public sealed class FormulaTests
{
    private static double Eval(string text, params (string Name, double Value)[] vars)
    {
        var f = Formula.Compile(text);
        return f.Evaluate(name => vars.First(v => v.Name == name).Value);
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    [InlineData("-2 ^ 2", -4)]
    [InlineData("10 / 4", 2.5)]
    [InlineData("7 % 3", 1)]
    [InlineData("2 * -3", -6)]
    [InlineData("1 < 2", 1)]
    [InlineData("2 <= 1", 0)]
    [InlineData("1 == 1 && 2 != 3", 1)]
    [InlineData("0 || !1", 0)]
    [InlineData("min(4, 2, 9)", 2)]
    [InlineData("max(4, 2, 9)", 9)]
    [InlineData("abs(-3) + sqrt(16)", 7)]
    [InlineData("log(exp(2))", 2)]
    [InlineData("pow(2, 10)", 1024)]
    [InlineData("clamp(15, 0, 10)", 10)]
    [InlineData("if(1 > 2, 5, 6)", 6)]
    [InlineData("1.5e3 + .5", 1500.5)]
    public void Arithmetic_comparisons_logic_and_functions(string text, double expected) =>
        Assert.Equal(expected, Eval(text), 9);

    [Fact]
    public void Variables_are_read_by_name_in_first_use_order()
    {
        var f = Formula.Compile("voltage * current - Temperature", new HashSet<string> { "voltage", "current", "Temperature" });
        Assert.Equal(["voltage", "current", "Temperature"], f.Variables);
        Assert.Equal(230 * 2.0 - 30, f.Evaluate([230, 2, 30]));
    }

    [Fact]
    public void Dotted_names_address_a_property_of_one_asset_and_numbers_keep_their_dots()
    {
        var known = new HashSet<string> { "chiller1.temperature", "chiller_2.power", "temperature" };
        var f = Formula.Compile("chiller1.temperature - temperature + chiller_2.power * .5 + 1.5", known);
        Assert.Equal(["chiller1.temperature", "temperature", "chiller_2.power"], f.Variables);
        Assert.Equal(30 - 20 + 4 * 0.5 + 1.5, f.Evaluate([30, 20, 4]), 9);
        Assert.Contains("unknown property 'chiller3.temperature' at character 1", Assert.Throws<FormulaException>(() => Formula.Compile("chiller3.temperature", known)).Message, StringComparison.Ordinal);
        Assert.Contains("unexpected character '.'", Assert.Throws<FormulaException>(() => Formula.Compile("temperature. + 1", known)).Message, StringComparison.Ordinal);
        Assert.Throws<FormulaException>(() => Formula.Compile("temperature.5", known));

        var renamed = Formula.Compile("0.5 * (35 - setpoint)").Renamed(v => "chiller1." + v);
        Assert.Equal(["chiller1.setpoint"], renamed.Variables);
        Assert.Equal(6.5, renamed.Evaluate(name => name == "chiller1.setpoint" ? 22 : double.NaN), 9);
    }

    [Theory]
    [InlineData("1 +", "formula ends too early at character 4")]
    [InlineData("(1 + 2", "expected ')' at character 7")]
    [InlineData("foo(1)", "unknown function 'foo'")]
    [InlineData("sqrt(1, 2)", "sqrt() does not take 2 argument(s)")]
    [InlineData("power * 2", "unknown property 'power' at character 1")]
    [InlineData("1 # 2", "unexpected character '#' at character 3")]
    [InlineData("", "empty formula")]
    [InlineData("1 2", "unexpected '2' at character 3")]
    public void Bad_formulas_say_what_and_where(string text, string message)
    {
        var ex = Assert.Throws<FormulaException>(() => Formula.Compile(text, new HashSet<string> { "voltage" }));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var text = new string('(', 500) + "1" + new string(')', 500);
        var ex = Assert.Throws<FormulaException>(() => Formula.Compile(text));
        Assert.Contains("nested deeper than 64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void There_is_no_way_to_reach_code_only_arithmetic()
    {
        // Anything that is not a number, a known property or a listed function is rejected.
        Assert.Throws<FormulaException>(() => Formula.Compile("System.IO.File.Delete(1)", new HashSet<string>()));
        Assert.Throws<FormulaException>(() => Formula.Compile("\"text\"", new HashSet<string>()));
    }
}
