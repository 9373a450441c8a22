using System.Text;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering;

/// <summary>
/// The only way the CLI writes text for people (stdout and stderr). Everything written passes
/// <see cref="SafeText"/>: a plain string is escaped whole; in an interpolated string only the literal parts, written
/// in this code, go out as they are, and every value is escaped. Colour and the live line's "clear" are the only
/// control sequences, and only this class and <see cref="Shown"/> make them. A conventions test keeps every other file
/// of the CLI away from <see cref="Console"/> and raw writers.
/// </summary>
internal sealed class Terminal
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Not Console.Out and Console.Error: see StandardStream.
    private static readonly Lazy<StreamWriter> Stdout = new(() => new StreamWriter(new StandardStream(1), Utf8, 1 << 14));
    private static readonly Lazy<StreamWriter> Stderr = new(() => new StreamWriter(new StandardStream(2), Utf8) { AutoFlush = true });

    private readonly TextWriter _writer;

    private Terminal(TextWriter writer, bool color)
    {
        this._writer = writer;
        Color = color;
    }

    /// <summary>Standard error, without colour: messages about the run, not the report.</summary>
    public static Terminal StandardError { get; } = new(new LazyWriter(Stderr), color: false);

    public bool Color { get; }

    /// <summary>Standard output (buffered: <see cref="FlushStandardStreams"/> runs before the process ends).</summary>
    public static Terminal StandardOutput(bool color) => new(new LazyWriter(Stdout), color);

    /// <summary>Text written into <paramref name="stream"/> (which the caller owns and flushes).</summary>
    public static Terminal Over(Stream stream, bool color) => new(new StreamWriter(stream, Utf8, 1 << 14, leaveOpen: true), color);

    /// <summary>
    /// Standard output for System.CommandLine's help and version text: our own command definitions only, never input,
    /// so it is not escaped (escaping would also break its line layout).
    /// </summary>
    public static TextWriter HelpWriter { get; } = new LazyWriter(Stdout);

    /// <summary>
    /// Standard output as bytes, for the writers of <c>logs --json</c> and <c>--events</c>, which escape every field
    /// with <see cref="SafeText"/> themselves (their speed comes from writing UTF-8 directly).
    /// </summary>
    public static Stream OpenDataStream() => new BufferedStream(new StandardStream(1), 1 << 16);

    /// <summary>Whether standard output is a terminal (a person reads it) rather than a pipe or a file.</summary>
    public static bool OutputIsTerminal => !Console.IsOutputRedirected;

    /// <summary>Whether standard error is a terminal (a live progress line may be drawn there).</summary>
    public static bool ErrorIsTerminal => !Console.IsErrorRedirected;

    /// <summary>Whether a person can be asked: standard input and standard error are a terminal.</summary>
    public static bool CanAsk => !Console.IsInputRedirected && !Console.IsErrorRedirected;

    /// <summary>
    /// Asks on standard error and reads the answer from standard input (one line, at most 256 bytes, through read(2):
    /// no console set-up); null when the input ends. The question is escaped like any text.
    /// </summary>
    public static string? Ask(string question)
    {
        FlushStandardStreams();
        Stderr.Value.Write(SafeText.Escape(question) + " ");
        Stderr.Value.Flush();
        return StandardStream.ReadLine(256);
    }

    public static void FlushStandardStreams()
    {
        if (Stdout.IsValueCreated)
        {
            Stdout.Value.Flush();
        }

        if (Stderr.IsValueCreated)
        {
            Stderr.Value.Flush();
        }
    }

    /// <summary>Text for programs (JSON, CSV): written as is, it was escaped field by field when it was made.</summary>
    public void WriteData(string data) => _writer.WriteLine(data);

    public void WriteLine() => _writer.WriteLine();

    public void WriteLine(string? text) => _writer.WriteLine(SafeText.Escape(text));

    public void WriteLine(Shown shown) => _writer.WriteLine(shown.Text);

    public void WriteLine(ref TerminalLine line) => _writer.WriteLine(line.ToStringAndClear());

    public void Write(ref TerminalLine line) => _writer.Write(line.ToStringAndClear());

    /// <summary>Goes back to the start of the line and clears it (the live stage line on a terminal).</summary>
    public void ClearLine() => _writer.Write("\r\u001b[K");

    public void Flush() => _writer.Flush();

    public Shown Paint(string? text, string? code) =>
        new(Color && code is not null ? $"\u001b[{code}m{SafeText.Escape(text)}\u001b[0m" : SafeText.Escape(text) ?? string.Empty);

    public Shown Bold(string? text) => Paint(text, Style.Bold);

    public Shown Dim(string? text) => Paint(text, Style.Dim);

    /// <summary>Shown pieces side by side.</summary>
    public static Shown Join(string separator, IEnumerable<Shown> pieces) =>
        new(string.Join(SafeText.Escape(separator), pieces.Select(p => p.Text)));

    /// <summary>Several lines, each after <paramref name="prefix"/>; every line escaped on its own.</summary>
    public static Shown Block(string? text, string prefix) =>
        new(prefix + (SafeText.EscapeKeepingNewlines(text) ?? string.Empty).Replace("\n", "\n" + prefix, StringComparison.Ordinal));

    /// <summary>A standard stream opened on first write, so a command that prints nothing opens nothing.</summary>
    private sealed class LazyWriter(Lazy<StreamWriter> target) : TextWriter
    {
        public override Encoding Encoding => Utf8;

        public override void Write(char value) => target.Value.Write(value);

        public override void Write(string? value) => target.Value.Write(value);

        public override void WriteLine(string? value) => target.Value.WriteLine(value);

        public override void WriteLine() => target.Value.WriteLine();

        public override void Flush() => target.Value.Flush();
    }
}
