using System.Reflection;
using SshDoctor.Cli.Rendering;

namespace SshDoctor.Tests.Reporting;

/// <summary>The CLI's only writer: literals as written, every value escaped, colour only where the code asked for it.</summary>
public class TerminalTests
{
    private const string Hostile = "bob\u001b]0;owned\u0007\u001b[2J\u202e";
    private const string Shown = "bob\\x1b]0;owned\\x07\\x1b[2J\\u202e";

    [Fact]
    public void Values_in_an_interpolated_line_are_escaped_and_literals_are_not()
    {
        var (terminal, written) = Make(color: false);
        var port = 22;
        terminal.WriteLine($"user {Hostile} port {port,5}|{Hostile,-3}|");
        Assert.Equal($"user {Shown} port    22|{Shown}|\n", written());
    }

    [Fact]
    public void A_plain_string_is_escaped_whole()
    {
        var (terminal, written) = Make(color: false);
        terminal.WriteLine(Hostile);
        Assert.Equal(Shown + "\n", written());
    }

    [Fact]
    public void Colour_is_the_only_sequence_and_only_when_colour_is_on()
    {
        var (colour, colourWritten) = Make(color: true);
        colour.WriteLine($"{colour.Paint("✗ " + Hostile, "1;31")} {colour.Dim(Hostile)}");
        Assert.Equal($"\u001b[1;31m✗ {Shown}\u001b[0m \u001b[2m{Shown}\u001b[0m\n", colourWritten());

        var (plain, plainWritten) = Make(color: false);
        plain.WriteLine($"{plain.Paint("✗ " + Hostile, "1;31")} {plain.Dim(Hostile)}");
        Assert.Equal($"✗ {Shown} {Shown}\n", plainWritten());
    }

    [Fact]
    public void A_block_keeps_its_own_lines_and_indents_each()
    {
        var (terminal, written) = Make(color: false);
        terminal.WriteLine(Terminal.Block("first\nsecond " + Hostile, "  "));
        Assert.Equal($"  first\n  second {Shown}\n", written());
    }

    private static (Terminal Terminal, Func<string> Written) Make(bool color)
    {
        var stream = new MemoryStream();
        var terminal = Terminal.Over(stream, color);
        return (terminal, () =>
        {
            terminal.Flush();
            return System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace(Environment.NewLine, "\n", StringComparison.Ordinal);
        }
        );
    }

    [Fact]
    public void The_terminal_has_no_write_of_unescaped_text()
    {
        var writes = typeof(Terminal).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name.StartsWith("Write", StringComparison.Ordinal))
            .SelectMany(m => m.GetParameters().Select(p => (m.Name, Type: p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType)));
        Assert.All(writes, w => Assert.True(
            w.Type == typeof(string) || w.Type == typeof(Shown) || w.Type == typeof(TerminalLine),
            $"{w.Name}({w.Type.Name}) would write something that is neither escaped text, a line nor shown text"));
    }
}
