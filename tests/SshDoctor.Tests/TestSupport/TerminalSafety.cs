using System.Text;

namespace SshDoctor.Tests.TestSupport;

/// <summary>Checks that bytes meant for a terminal hold nothing that drives it or reorders what it shows.</summary>
internal static class TerminalSafety
{
    /// <summary>
    /// The first character a terminal would act on (C0 other than tab and newline, DEL, C1, bidirectional controls,
    /// invalid UTF-8), with its position; null when the output is safe to show.
    /// </summary>
    public static string? FirstControl(byte[] output)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(output);
        }
        catch (DecoderFallbackException e)
        {
            return $"invalid UTF-8 at byte {e.Index}";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var control = (c < ' ' && c is not '\n' and not '\t') || c is >= '\u007f' and <= '\u009f'
                || c is '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
            if (control)
            {
                var from = Math.Max(0, i - 40);
                return $"U+{(int)c:X4} at {i}: …{text[from..Math.Min(text.Length, i + 20)]}";
            }
        }

        return null;
    }

    public static void AssertSafe(CliResult result, string what)
    {
        Assert.True(FirstControl(result.StdoutBytes) is null, $"{what}: stdout has {FirstControl(result.StdoutBytes)}");
        Assert.True(FirstControl(result.StderrBytes) is null, $"{what}: stderr has {FirstControl(result.StderrBytes)}");
    }
}
