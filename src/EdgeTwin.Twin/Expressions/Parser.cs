namespace EdgeTwin.Twin.Expressions;

/// <summary>Precedence-climbing parser that builds closures directly.</summary>
internal sealed class Parser
{
    private const int MaxDepth = 64;
    private readonly List<Token> _tokens;
    private readonly Func<string, int> _variable;
    private int _next;
    private int _depth;

    public Parser(List<Token> tokens, Func<string, int> variable)
    {
        _tokens = tokens;
        _variable = variable;
    }

    private Token Current => _tokens[_next];

    public Func<double[], double> ParseAll()
    {
        if (Current.Kind == TokenKind.End)
        {
            throw new FormulaException("empty formula", 0);
        }

        var result = ParseBinary(0);
        if (Current.Kind != TokenKind.End)
        {
            throw new FormulaException($"unexpected '{Current.Text}'", Current.Position);
        }

        return result;
    }

    private static int Precedence(string op) => op switch
    {
        "||" => 1,
        "&&" => 2,
        "==" or "!=" => 3,
        "<" or "<=" or ">" or ">=" => 4,
        "+" or "-" => 5,
        "*" or "/" or "%" => 6,
        "^" => 8,
        _ => -1,
    };

    private Func<double[], double> ParseBinary(int minPrecedence)
    {
        if (++_depth > MaxDepth)
        {
            throw new FormulaException($"formula nested deeper than {MaxDepth}", Current.Position);
        }

        var left = ParseUnary();
        while (Current.Kind == TokenKind.Operator && Precedence(Current.Text) is var p && p >= minPrecedence && p > 0)
        {
            var op = Current.Text;
            _next++;
            // ^ is right-associative, the others left-associative.
            var right = ParseBinary(op == "^" ? p : p + 1);
            left = Combine(op, left, right);
        }

        _depth--;
        return left;
    }

    private static Func<double[], double> Combine(string op, Func<double[], double> a, Func<double[], double> b) => op switch
    {
        "+" => v => a(v) + b(v),
        "-" => v => a(v) - b(v),
        "*" => v => a(v) * b(v),
        "/" => v => a(v) / b(v),
        "%" => v => a(v) % b(v),
        "^" => v => Math.Pow(a(v), b(v)),
        "<" => v => a(v) < b(v) ? 1 : 0,
        "<=" => v => a(v) <= b(v) ? 1 : 0,
        ">" => v => a(v) > b(v) ? 1 : 0,
        ">=" => v => a(v) >= b(v) ? 1 : 0,
        "==" => v => a(v) == b(v) ? 1 : 0,
        "!=" => v => a(v) != b(v) ? 1 : 0,
        "&&" => v => a(v) != 0 && b(v) != 0 ? 1 : 0,
        "||" => v => a(v) != 0 || b(v) != 0 ? 1 : 0,
        _ => throw new InvalidOperationException(op),
    };

    private Func<double[], double> ParseUnary()
    {
        var token = Current;
        if (token.Kind == TokenKind.Operator && token.Text is "-" or "+" or "!")
        {
            _next++;
            if (++_depth > MaxDepth)
            {
                throw new FormulaException($"formula nested deeper than {MaxDepth}", token.Position);
            }

            // Unary minus binds weaker than ^ (so -2^2 is -4) but stronger than * and /.
            var operand = ParseBinary(7);
            _depth--;
            return token.Text switch
            {
                "-" => v => -operand(v),
                "!" => v => operand(v) == 0 ? 1 : 0,
                _ => operand,
            };
        }

        return ParsePrimary();
    }

    private Func<double[], double> ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _next++;
                var n = token.Number;
                return _ => n;
            case TokenKind.LeftParen:
                _next++;
                var inner = ParseBinary(0);
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.Identifier:
                _next++;
                if (Current.Kind == TokenKind.LeftParen)
                {
                    return ParseCall(token);
                }

                if (token.Text is "true" or "false")
                {
                    var b = token.Text == "true" ? 1.0 : 0.0;
                    return _ => b;
                }

                var index = _variable(token.Text);
                if (index < 0)
                {
                    throw new FormulaException($"unknown property '{token.Text}'", token.Position);
                }

                return v => v[index];
            default:
                throw new FormulaException(token.Kind == TokenKind.End ? "formula ends too early" : $"unexpected '{token.Text}'", token.Position);
        }
    }

    private Func<double[], double> ParseCall(Token name)
    {
        _next++; // (
        var args = new List<Func<double[], double>>();
        if (Current.Kind != TokenKind.RightParen)
        {
            while (true)
            {
                args.Add(ParseBinary(0));
                if (Current.Kind == TokenKind.Comma)
                {
                    _next++;
                    continue;
                }

                break;
            }
        }

        Expect(TokenKind.RightParen, "')'");
        var a = args.ToArray();
        return (name.Text, a.Length) switch
        {
            ("abs", 1) => v => Math.Abs(a[0](v)),
            ("sqrt", 1) => v => Math.Sqrt(a[0](v)),
            ("exp", 1) => v => Math.Exp(a[0](v)),
            ("log", 1) => v => Math.Log(a[0](v)),
            ("pow", 2) => v => Math.Pow(a[0](v), a[1](v)),
            ("clamp", 3) => v => Math.Clamp(a[0](v), a[1](v), Math.Max(a[1](v), a[2](v))),
            ("if", 3) => v => a[0](v) != 0 ? a[1](v) : a[2](v),
            ("min", >= 1) => v =>
            {
                var m = a[0](v);
                for (var i = 1; i < a.Length; i++)
                {
                    m = Math.Min(m, a[i](v));
                }

                return m;
            },
            ("max", >= 1) => v =>
            {
                var m = a[0](v);
                for (var i = 1; i < a.Length; i++)
                {
                    m = Math.Max(m, a[i](v));
                }

                return m;
            },
            ("abs" or "sqrt" or "exp" or "log" or "pow" or "clamp" or "if" or "min" or "max", _) =>
                throw new FormulaException($"{name.Text}() does not take {a.Length} argument(s)", name.Position),
            _ => throw new FormulaException($"unknown function '{name.Text}' (known: min, max, abs, sqrt, exp, log, pow, clamp, if)", name.Position),
        };
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw new FormulaException($"expected {what}", Current.Position);
        }

        _next++;
    }
}
