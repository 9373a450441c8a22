using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering;

/// <summary>An interpolated line for <see cref="Terminal"/>: literals as written, every value escaped.</summary>
[InterpolatedStringHandler]
internal ref struct TerminalLine
{
    private readonly StringBuilder _text;

    public TerminalLine(int literalLength, int formattedCount)
    {
        _text = new StringBuilder(literalLength + (16 * formattedCount));
    }

    public readonly void AppendLiteral(string literal) => _text.Append(literal);

    public readonly void AppendFormatted(Shown shown) => _text.Append(shown.Text);

    public readonly void AppendFormatted(string? value) => _text.Append(SafeText.Escape(value));

    public readonly void AppendFormatted(string? value, int alignment) => Align(SafeText.Escape(value) ?? string.Empty, alignment);

    public readonly void AppendFormatted<T>(T value) => AppendFormatted(Format(value, null));

    public readonly void AppendFormatted<T>(T value, string? format) => AppendFormatted(Format(value, format));

    public readonly void AppendFormatted<T>(T value, int alignment) => Align(SafeText.Escape(Format(value, null)) ?? string.Empty, alignment);

    public readonly string ToStringAndClear()
    {
        var line = _text.ToString();
        _text.Clear();
        return line;
    }

    private static string? Format<T>(T value, string? format) =>
        value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString();

    private readonly void Align(string value, int alignment)
    {
        var pad = Math.Abs(alignment) - value.Length;
        if (alignment > 0 && pad > 0)
        {
            _text.Append(' ', pad);
        }

        _text.Append(value);
        if (alignment < 0 && pad > 0)
        {
            _text.Append(' ', pad);
        }
    }
}
