namespace EdgeTwin.Twin.Expressions;

/// <summary>
/// A compiled formula over named variables: arithmetic (+ - * / % ^), comparisons (&lt; &lt;= &gt; &gt;= == !=, giving 1
/// or 0), logic (&amp;&amp; || !), and the functions min, max, abs, sqrt, exp, log, pow, clamp and if. No reflection, no
/// code execution: the formula becomes a tree of closures evaluated over an array of values.
/// </summary>
public sealed class Formula
{
    private readonly Func<double[], double> _eval;

    private Formula(string text, Func<double[], double> eval, IReadOnlyList<string> variables)
    {
        Text = text;
        _eval = eval;
        Variables = variables;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>Names of the variables the formula reads, in the order of the value array.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Compiles <paramref name="text"/>; variables must be among <paramref name="known"/> (all names when null).</summary>
    /// <exception cref="FormulaException">The text is not a valid formula or names an unknown variable.</exception>
    public static Formula Compile(string text, IReadOnlySet<string>? known = null)
    {
        var variables = new List<string>();
        var parser = new Parser(Lexer.Tokenize(text), name =>
        {
            if (known is not null && !known.Contains(name))
            {
                return -1;
            }

            var index = variables.IndexOf(name);
            if (index < 0)
            {
                variables.Add(name);
                index = variables.Count - 1;
            }

            return index;
        });
        return new Formula(text, parser.ParseAll(), variables);
    }

    /// <summary>
    /// The same formula reading other variables: each of <see cref="Variables"/> is read as <paramref name="rename"/>
    /// of it (a property of one asset becomes that property of a named asset in a group). Text is unchanged.
    /// </summary>
    public Formula Renamed(Func<string, string> rename) => new(Text, _eval, Variables.Select(rename).ToList());

    /// <summary>Evaluates with <paramref name="values"/> in the order of <see cref="Variables"/>.</summary>
    public double Evaluate(double[] values) => _eval(values);

    /// <summary>Evaluates with a lookup by name (convenience; allocates).</summary>
    public double Evaluate(Func<string, double> lookup) => _eval(Variables.Select(lookup).ToArray());

    /// <inheritdoc />
    public override string ToString() => Text;
}
