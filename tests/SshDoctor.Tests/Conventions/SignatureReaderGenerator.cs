using System.Globalization;
using System.Text;

namespace SshDoctor.Tests.Conventions;

/// <summary>
/// Turns a signature pattern into C#: a backtracking reader over a span of printable ASCII that records where each
/// named group matched, with the regex's own semantics (leftmost start, greedy/lazy, alternation in order, last
/// capture of a name wins, a failed branch's captures undone). Only the constructs the tables use are known; any
/// other makes <see cref="TryGenerate"/> return false and that pattern keeps its regex. On ASCII a class is exactly
/// its set of ASCII characters (<c>\d</c> = 0-9, <c>\w</c> = [A-Za-z0-9_], <c>\s</c> = \t\n\v\f\r and space,
/// <c>.</c> = all but \n), so each class becomes two 64-bit masks.
/// </summary>
internal sealed class SignatureReaderGenerator
{
    private const string Accept = "Accepted";

    /// <summary>Every method written so far, by its body: a continuation two readers share (a common tail) is written once.</summary>
    private readonly Dictionary<string, string> _byBody = new(StringComparer.Ordinal);
    private readonly StringBuilder _methods = new();
    private int _counter;

    /// <summary>The continuation methods of every reader generated so far, one line each.</summary>
    public string Methods => _methods.ToString();

    /// <summary>
    /// The C# of a reader's entry method named <paramref name="name"/> and its group names, or false for a pattern
    /// outside the subset (then nothing of it is kept). Its continuations go to <see cref="Methods"/>.
    /// </summary>
    public bool TryGenerate(string pattern, string name, out string code, out IReadOnlyList<string> groupNames)
    {
        code = string.Empty;
        groupNames = [];
        Node tree;
        try
        {
            var parser = new Parser(pattern);
            tree = parser.ParseAlternation();
            if (parser.Position != pattern.Length)
            {
                return false;
            }
        }
        catch (NotSupportedException)
        {
            return false;
        }

        var reader = new Reader(this);
        try
        {
            reader.Collect(tree);
            var first = reader.Emit(tree, Accept);
            // Only each group's start slot needs resetting (-1: it did not match); its length is read only after a start,
            // and its scratch slot only after an open.
            var reset = string.Concat(reader.Groups.Select((_, g) => $"        c[{g * 3}] = -1;\n"));
            // An instance method: its delegate is closed over the one instance and called directly (one to a static method goes
            // through NativeAOT's argument-moving thunk, 5 % of a Dropbear run's instructions).
            const string Head = "    private bool {0}(ReadOnlySpan<char> s, Span<int> c)\n    {{\n{1}{2}    }}\n";
            string body;
            if (StartsAtLineStart(tree))
            {
                body = $"        return {first}(s, 0, c);\n";
            }
            else if (LeadingLiteral(tree) is { } literal)
            {
                // The message's own start is tried first, without a search: a floating signature's message most often starts
                // with its literal (a Dropbear message), and the matcher visits it only when its anchor is in the message.
                body = $"        if ({first}(s, 0, c))\n        {{\n            return true;\n        }}\n\n        for (var p = 1; p <= s.Length; p++)\n        {{\n            var next = s[p..].IndexOf({Quote(literal)}, StringComparison.Ordinal);\n            if (next < 0)\n            {{\n                return false;\n            }}\n\n            p += next;\n            if ({first}(s, p, c))\n            {{\n                return true;\n            }}\n        }}\n\n        return false;\n";
            }
            else
            {
                body = $"        for (var p = 0; p <= s.Length; p++)\n        {{\n            if ({first}(s, p, c))\n            {{\n                return true;\n            }}\n        }}\n\n        return false;\n";
            }

            code = string.Format(CultureInfo.InvariantCulture, Head, name, reset, body);
            groupNames = reader.Groups;
            reader.Commit();
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    private static bool StartsAtLineStart(Node node) => node switch
    {
        Bol => true,
        Seq seq => seq.Items.Count > 0 && StartsAtLineStart(seq.Items[0]),
        Alt alt => alt.Branches.All(StartsAtLineStart),
        _ => false,
    };

    private static string? LeadingLiteral(Node node) => node switch
    {
        Lit lit => lit.Text,
        Seq seq => seq.Items.Count > 0 ? LeadingLiteral(seq.Items[0]) : null,
        _ => null,
    };

    private static bool HasCapture(Node node) => node switch
    {
        Capture => true,
        Seq seq => seq.Items.Any(HasCapture),
        Alt alt => alt.Branches.Any(HasCapture),
        Quant quant => HasCapture(quant.Body),
        Look look => HasCapture(look.Body),
        _ => false,
    };

    /// <summary>One pattern's generation: its groups, and its new methods, kept only when the whole pattern is generated.</summary>
    private sealed class Reader(SignatureReaderGenerator output)
    {
        private readonly List<string> _groups = [];
        private readonly Dictionary<string, string> _pending = new(StringComparer.Ordinal);
        private readonly StringBuilder _pendingMethods = new();
        private int _counter = output._counter;

        public IReadOnlyList<string> Groups => _groups;

        public void Collect(Node node)
        {
            switch (node)
            {
                case Capture capture:
                    if (!_groups.Contains(capture.Name))
                    {
                        _groups.Add(capture.Name);
                    }

                    Collect(capture.Body);
                    break;
                case Seq seq:
                    seq.Items.ForEach(Collect);
                    break;
                case Alt alt:
                    alt.Branches.ForEach(Collect);
                    break;
                case Quant quant:
                    Collect(quant.Body);
                    break;
                case Look look:
                    if (HasCapture(look.Body))
                    {
                        throw new NotSupportedException("a capture inside a lookaround");
                    }

                    break;
            }
        }

        public void Commit()
        {
            foreach (var (body, name) in _pending)
            {
                output._byBody.Add(body, name);
            }

            output._methods.Append(_pendingMethods);
            output._counter = _counter;
        }

        /// <summary>
        /// Writes the method that matches <paramref name="node"/> at p and then calls <paramref name="next"/>; returns its
        /// name. <paramref name="nextFirst"/>: the character <paramref name="next"/> must find at its p, when one is known
        /// (it starts with a literal): a run then tries <paramref name="next"/> only where that character stands instead of
        /// calling it at every place it could end (a lazy <c>(?&lt;user&gt;.*?) from </c> did so at every character of the name).
        /// </summary>
        public string Emit(Node node, string next, char? nextFirst = null)
        {
            switch (node)
            {
                case Seq seq:
                    for (var i = seq.Items.Count - 1; i >= 0; i--)
                    {
                        next = Emit(seq.Items[i], next, nextFirst);
                        nextFirst = FirstChar(seq.Items[i]);
                    }

                    return next;
                case Lit { Text.Length: 1 } one:
                    return Method($"=> p < s.Length && s[p] == {QuoteChar(one.Text[0])} && {next}(s, p + 1, c);");
                case Lit lit:
                    return Method($"=> s[p..].StartsWith({Quote(lit.Text)}, StringComparison.Ordinal) && {next}(s, p + {lit.Text.Length}, c);");
                case Bol:
                    return Method($"=> p == 0 && {next}(s, p, c);");
                case Eol:
                    return Method($"=> (p == s.Length || (p == s.Length - 1 && s[p] == '\\n')) && {next}(s, p, c);");
                case Set set:
                    return Method($"=> p < s.Length && {Test(set, "p")} && {next}(s, p + 1, c);");
                case Quant { Body: Set set } quant:
                    return EmitRun(set, null, quant.Min, quant.Max, quant.Lazy, next, nextFirst);
                case Quant { Body: Seq { Items: [Look { Negative: true } look, Set set] } } quant:
                    // (?:(?!X).)*: one character a time, each allowed where X does not start.
                    return EmitRun(set, Emit(look.Body, Accept), quant.Min, quant.Max, quant.Lazy, next, nextFirst);
                case Quant { Min: 0, Max: 1 } optional:
                    {
                        var body = Emit(optional.Body, next, nextFirst);
                        return optional.Lazy
                            ? Method($"=> {next}(s, p, c) || {body}(s, p, c);")
                            : Method($"=> {body}(s, p, c) || {next}(s, p, c);");
                    }

                case Quant { Max: > 0 and <= 32 } counted when counted.Min <= counted.Max && !counted.Lazy:
                    {
                        // Unrolled: Min copies, then Max - Min nested optional ones.
                        Node tail = new Seq([]);
                        for (var i = counted.Min; i < counted.Max; i++)
                        {
                            tail = new Quant(new Seq([counted.Body, tail]), 0, 1, false);
                        }

                        var items = Enumerable.Repeat(counted.Body, counted.Min).Append(tail).ToList();
                        return Emit(new Seq(items), next, nextFirst);
                    }

                case Alt alt:
                    {
                        var branches = alt.Branches.Select(b => Emit(b, next, nextFirst) + "(s, p, c)");
                        return Method($"=> {string.Join(" || ", branches)};");
                    }

                case Look look:
                    {
                        var body = Emit(look.Body, Accept);
                        return Method(look.Negative ? $"=> !{body}(s, p, c) && {next}(s, p, c);" : $"=> {body}(s, p, c) && {next}(s, p, c);");
                    }

                case Capture capture:
                    {
                        // The group's slots: start, length, and where the open group started (see SignatureReader.Close).
                        var slot = _groups.IndexOf(capture.Name) * 3;
                        var close = Method($"{{ var saved = SignatureReader.Close(c, {slot}, p); return {next}(s, p, c) || SignatureReader.Reopen(c, {slot}, saved); }}");
                        var body = Emit(capture.Body, close, nextFirst);
                        return Method($"{{ var open = SignatureReader.Open(c, {slot}, p); return {body}(s, p, c) || SignatureReader.Unopen(c, {slot}, open); }}");
                    }

                default:
                    throw new NotSupportedException(node.GetType().Name);
            }
        }

        /// <summary>The character a match of <paramref name="node"/> must start with, when it must start with a literal; else null.</summary>
        private static char? FirstChar(Node node) => node switch
        {
            Lit { Text.Length: > 0 } lit => lit.Text[0],
            Capture capture => FirstChar(capture.Body),
            Seq { Items.Count: > 0 } seq => FirstChar(seq.Items[0]),
            _ => null,
        };

        /// <summary>
        /// A run of one class (characters where <paramref name="notAt"/>, if any, does not match), greedy or lazy; where
        /// <paramref name="nextFirst"/> is known, <paramref name="next"/> is only called where it stands.
        /// </summary>
        private string EmitRun(Set set, string? notAt, int min, int max, bool lazy, string next, char? nextFirst)
        {
            var end = max < 0 ? "s.Length" : $"Math.Min(s.Length, p + {max})";
            var test = Test(set, "i") + (notAt is null ? string.Empty : $" && !{notAt}(s, i, c)");
            if (min == 1 && max == 1)
            {
                return Method($"=> p < s.Length && {Test(set, "p")}{(notAt is null ? string.Empty : $" && !{notAt}(s, p, c)")} && {next}(s, p + 1, c);");
            }

            var from = min == 0 ? "p" : $"p + {min}";
            if (notAt is null && nextFirst is { } outside && !Contains(set, outside))
            {
                // What follows starts with a character outside the class: it can only stand where the run ends, greedy or lazy.
                return Method($"{{ var i = {RunEnd(set, end)}; return i >= {from} && i < s.Length && s[i] == {QuoteChar(outside)} && {next}(s, i, c); }}");
            }

            if (lazy)
            {
                // Where the next character is known the loop stops at the message's end; else next is also tried there.
                return nextFirst is { } lazyFirst
                    ? Method($"{{ var end = {end}; for (var i = p; i < s.Length; i++) {{ if ({(min == 0 ? string.Empty : $"i >= {from} && ")}s[i] == {QuoteChar(lazyFirst)} && {next}(s, i, c)) {{ return true; }} if (i >= end || !({test})) {{ return false; }} }} return false; }}")
                    : Method($"{{ var end = {end}; for (var i = p; ; i++) {{ if (i >= {from} && {next}(s, i, c)) {{ return true; }} if (i >= end || !({test})) {{ return false; }} }} }}");
            }

            // Greedy: as far as the class goes (one shared scan), then back off: to each place of the next character
            // (searched backwards), or one character at a time.
            if (notAt is not null)
            {
                return nextFirst is { } notFirst
                    ? Method($"{{ var end = {end}; var i = p; while (i < end && {test}) {{ i++; }} for (i = SignatureReader.LastAt(s, {from}, i, {QuoteChar(notFirst)}); i >= {from}; i = SignatureReader.LastAt(s, {from}, i - 1, {QuoteChar(notFirst)})) {{ if ({next}(s, i, c)) {{ return true; }} }} return false; }}")
                    : Method($"{{ var end = {end}; var i = p; while (i < end && {test}) {{ i++; }} for (; i >= {from}; i--) {{ if ({next}(s, i, c)) {{ return true; }} }} return false; }}");
            }

            var run = RunEnd(set, end);
            return nextFirst is { } first
                ? Method($"{{ for (var i = SignatureReader.LastAt(s, {from}, {run}, {QuoteChar(first)}); i >= {from}; i = SignatureReader.LastAt(s, {from}, i - 1, {QuoteChar(first)})) {{ if ({next}(s, i, c)) {{ return true; }} }} return false; }}")
                : Method($"{{ for (var i = {run}; i >= {from}; i--) {{ if ({next}(s, i, c)) {{ return true; }} }} return false; }}");
        }

        private static readonly Set Digits = new(0x3FF000000000000UL, 0);

        /// <summary>An address's characters, <c>[\w.:%-]</c> (every signature's <c>ip</c> group).</summary>
        private static readonly Set Address = new(0x7FF602000000000UL, 0x7FFFFFE87FFFFFEUL);

        /// <summary><c>\S</c>: all but \t, \n, \v, \f, \r and space.</summary>
        private static readonly Set NotSpace = new(~0x100003E00UL, ~0UL);

        /// <summary>Where a greedy run of the class from p ends: a vectorized search for the one character a wide class lacks (<c>.</c> lacks only LF, <c>[^"]</c> only the quote), a plain loop for a narrow one.</summary>
        private static string RunEnd(Set set, string end) =>
            ExcludedOnly(set) is { } excluded ? $"SignatureReader.RunUntil(s, p, {end}, {QuoteChar(excluded)})"
            : set == Digits ? $"SignatureReader.RunDigits(s, p, {end})"
            : set == NotSpace ? $"SignatureReader.RunNotSpace(s, p, {end})"
            : set == Address && end == "s.Length" ? $"SignatureReader.RunAddress(s, p)"
            : $"SignatureReader.Run(s, p, {end}, 0x{set.Low:X}UL, 0x{set.High:X}UL)";

        /// <summary>A class test of the character at <paramref name="at"/>: a comparison for the common classes, else the class masks.</summary>
        private static string Test(Set set, string at) =>
            ExcludedOnly(set) is { } excluded ? $"s[{at}] != {QuoteChar(excluded)}"
            : Single(set) is { } single ? $"s[{at}] == {QuoteChar(single)}"
            : set == Digits ? $"char.IsAsciiDigit(s[{at}])"
            : set == NotSpace ? $"SignatureReader.NotSpace(s[{at}])"
            : $"SignatureReader.In(s[{at}], 0x{set.Low:X}UL, 0x{set.High:X}UL)";

        /// <summary>The one ASCII character a class lacks (<c>.</c>: LF), or null: on ASCII (all a reader sees) the class is "not that character".</summary>
        private static char? ExcludedOnly(Set set) => Single(new Set(~set.Low, ~set.High));

        private static bool Contains(Set set, char ch) => ch < 64 ? ((set.Low >> ch) & 1) != 0 : ch < 128 && ((set.High >> (ch - 64)) & 1) != 0;

        /// <summary>The class's one character, or null.</summary>
        private static char? Single(Set set) =>
            ulong.PopCount(set.Low) + ulong.PopCount(set.High) != 1 ? null
            : (char)(set.Low != 0 ? ulong.TrailingZeroCount(set.Low) : 64 + ulong.TrailingZeroCount(set.High));

        /// <summary>The method of this body: one written before (by any reader) or a new one.</summary>
        private string Method(string body)
        {
            if (output._byBody.TryGetValue(body, out var known) || _pending.TryGetValue(body, out known))
            {
                return known;
            }

            var name = "M" + (_counter++).ToString("D4", CultureInfo.InvariantCulture);
            _pending.Add(body, name);
            _pendingMethods.Append("    private static bool ").Append(name).Append("(ReadOnlySpan<char> s, int p, Span<int> c) ").Append(body).Append('\n');
            return name;
        }
    }

    private static string QuoteChar(char ch) => ch switch
    {
        '\'' => "'\\''",
        '\\' => "'\\\\'",
        _ when ch < 0x20 || ch > 0x7E => "'\\u" + ((int)ch).ToString("X4", CultureInfo.InvariantCulture) + "'",
        _ => "'" + ch + "'",
    };

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var ch in text)
        {
            quoted.Append(ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when ch < 0x20 || ch > 0x7E => "\\u" + ((int)ch).ToString("X4", CultureInfo.InvariantCulture),
                _ => ch.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private abstract record Node;

    private sealed record Lit(string Text) : Node;

    private sealed record Set(ulong Low, ulong High) : Node;

    private sealed record Seq(List<Node> Items) : Node;

    private sealed record Alt(List<Node> Branches) : Node;

    private sealed record Quant(Node Body, int Min, int Max, bool Lazy) : Node;

    private sealed record Capture(string Name, Node Body) : Node;

    private sealed record Look(Node Body, bool Negative) : Node;

    private sealed record Bol : Node;

    private sealed record Eol : Node;

    /// <summary>The subset of .NET regex syntax the tables use (ExplicitCapture: a plain group does not capture).</summary>
    private sealed class Parser(string pattern)
    {
        public int Position { get; private set; }

        public Node ParseAlternation()
        {
            var branches = new List<Node> { ParseSequence() };
            while (Position < pattern.Length && pattern[Position] == '|')
            {
                Position++;
                branches.Add(ParseSequence());
            }

            return branches.Count == 1 ? branches[0] : new Alt(branches);
        }

        private Node ParseSequence()
        {
            var items = new List<Node>();
            while (Position < pattern.Length && pattern[Position] is not ('|' or ')'))
            {
                var atom = ParseAtom();
                atom = ParseQuantifier(atom);
                if (atom is Lit lit && items.Count > 0 && items[^1] is Lit previous)
                {
                    items[^1] = new Lit(previous.Text + lit.Text);
                }
                else
                {
                    items.Add(atom);
                }
            }

            return items.Count == 1 ? items[0] : new Seq(items);
        }

        private Node ParseQuantifier(Node atom)
        {
            if (Position >= pattern.Length)
            {
                return atom;
            }

            int min, max;
            switch (pattern[Position])
            {
                case '?':
                    (min, max) = (0, 1);
                    Position++;
                    break;
                case '*':
                    (min, max) = (0, -1);
                    Position++;
                    break;
                case '+':
                    (min, max) = (1, -1);
                    Position++;
                    break;
                case '{':
                    var close = pattern.IndexOf('}', Position);
                    if (close < 0)
                    {
                        throw new NotSupportedException("{ without }");
                    }

                    var inside = pattern[(Position + 1)..close].Split(',');
                    min = int.Parse(inside[0], CultureInfo.InvariantCulture);
                    max = inside.Length == 1 ? min : inside[1].Length == 0 ? -1 : int.Parse(inside[1], CultureInfo.InvariantCulture);
                    Position = close + 1;
                    break;
                default:
                    return atom;
            }

            var lazy = Position < pattern.Length && pattern[Position] == '?';
            if (lazy)
            {
                Position++;
            }

            if (Position < pattern.Length && pattern[Position] is '?' or '*' or '+' or '{')
            {
                throw new NotSupportedException("nested quantifier");
            }

            if (atom is Lit { Text.Length: 1 } one)
            {
                atom = SetOf(one.Text[0]);
            }

            if (atom is not Set && max < 0)
            {
                // Only a run of one class may be unbounded, or (?:(?!X).)* (one character an iteration, never empty).
                if (!(atom is Seq { Items: [Look { Negative: true }, Set] }))
                {
                    throw new NotSupportedException("an unbounded group");
                }
            }

            return new Quant(atom, min, max, lazy);
        }

        private Node ParseAtom()
        {
            var ch = pattern[Position++];
            switch (ch)
            {
                case '^':
                    return new Bol();
                case '$':
                    return new Eol();
                case '.':
                    return Everything(except: '\n');
                case '[':
                    return ParseClass();
                case '\\':
                    return ParseEscape(inClass: false);
                case '(':
                    return ParseGroup();
                case '*' or '+' or '?' or '{' or ')':
                    throw new NotSupportedException($"'{ch}' at {Position - 1}");
                default:
                    return new Lit(ch.ToString());
            }
        }

        private Node ParseGroup()
        {
            Node body;
            if (pattern[Position] != '?')
            {
                body = ParseAlternation();
                Expect(')');
                return body;
            }

            Position++;
            var kind = pattern[Position++];
            if (kind == ':')
            {
                body = ParseAlternation();
                Expect(')');
                return body;
            }

            if (kind is '!' or '=')
            {
                body = ParseAlternation();
                Expect(')');
                return new Look(body, kind == '!');
            }

            if (kind == '<' && pattern[Position] is not ('=' or '!'))
            {
                var end = pattern.IndexOf('>', Position);
                var name = pattern[Position..end];
                Position = end + 1;
                body = ParseAlternation();
                Expect(')');
                return new Capture(name, body);
            }

            throw new NotSupportedException($"(?{kind}");
        }

        private void Expect(char ch)
        {
            if (Position >= pattern.Length || pattern[Position] != ch)
            {
                throw new NotSupportedException($"expected '{ch}' at {Position}");
            }

            Position++;
        }

        private Set ParseClass()
        {
            var negated = pattern[Position] == '^';
            if (negated)
            {
                Position++;
            }

            ulong low = 0, high = 0;
            var first = true;
            while (pattern[Position] != ']' || first)
            {
                first = false;
                Set item;
                var c = pattern[Position];
                if (c == '\\')
                {
                    Position++;
                    item = (Set)ParseEscape(inClass: true);
                }
                else if (c == '[')
                {
                    throw new NotSupportedException("class subtraction or nested class");
                }
                else
                {
                    Position++;
                    item = SetOf(c);
                }

                // A range: single characters on both sides.
                if (pattern[Position] == '-' && pattern[Position + 1] != ']' && IsSingle(item, out var from))
                {
                    Position++;
                    var toChar = pattern[Position] == '\\' ? throw new NotSupportedException("escaped range end") : pattern[Position++];
                    for (var x = from; x <= toChar; x++)
                    {
                        item = Union(item, SetOf(x));
                    }
                }

                low |= item.Low;
                high |= item.High;
            }

            Position++;
            return negated ? new Set(~low, ~high) : new Set(low, high);
        }

        private static bool IsSingle(Set set, out char ch)
        {
            ch = '\0';
            var count = ulong.PopCount(set.Low) + ulong.PopCount(set.High);
            if (count != 1)
            {
                return false;
            }

            ch = (char)(set.Low != 0 ? ulong.TrailingZeroCount(set.Low) : 64 + ulong.TrailingZeroCount(set.High));
            return true;
        }

        private Node ParseEscape(bool inClass)
        {
            var ch = pattern[Position++];
            return ch switch
            {
                'd' => Range('0', '9'),
                'D' => Not(Range('0', '9')),
                'w' => Word(),
                'W' => Not(Word()),
                's' => Space(),
                'S' => Not(Space()),
                't' => inClass ? SetOf('\t') : new Lit("\t"),
                'n' => inClass ? SetOf('\n') : new Lit("\n"),
                _ when char.IsAsciiLetterOrDigit(ch) => throw new NotSupportedException($"\\{ch}"),
                _ => inClass ? SetOf(ch) : new Lit(ch.ToString()),
            };
        }

        private static Set Word() => Union(Union(Range('a', 'z'), Range('A', 'Z')), Union(Range('0', '9'), SetOf('_')));

        private static Set Space() => Union(Range('\t', '\r'), SetOf(' '));

        private static Set Everything(char except) => Not(SetOf(except));

        private static Set Not(Set set) => new(~set.Low, ~set.High);

        private static Set Union(Set a, Set b) => new(a.Low | b.Low, a.High | b.High);

        private static Set Range(char from, char to)
        {
            var set = new Set(0, 0);
            for (var x = from; x <= to; x++)
            {
                set = Union(set, SetOf(x));
            }

            return set;
        }

        private static Set SetOf(char ch) => ch switch
        {
            >= (char)128 => throw new NotSupportedException("a character outside ASCII"),
            < (char)64 => new Set(1UL << ch, 0),
            _ => new Set(0, 1UL << (ch - 64)),
        };
    }
}
