namespace SshDoctor.Logs.Input;

/// <summary>
/// A line that is mostly control characters or undecodable bytes (random data, a core file, a compressed file read as
/// text): no program writes a log message like that, so matching it against every signature, every redaction
/// placeholder and every wrapped-line join would only spend time — about 0.4 s per MB of random data, 8 s before
/// the reader's binary verdict at 16 MB. The bar is the reader's own (<see cref="BoundedLineReader"/>): more than one
/// character in ten, with tab, escape and backspace allowed, as terminals and pastes carry them.
/// </summary>
public static class BinaryLine
{
    /// <summary>Below this length a line is judged by its words, never as binary.</summary>
    private const int ShortestJudged = 16;

    public static bool Is(ReadOnlySpan<char> text)
    {
        if (text.Length < ShortestJudged)
        {
            return false;
        }

        var odd = 0;
        foreach (var c in text)
        {
            if ((c < ' ' && c is not '\t' and not '\u001b' and not '\b') || c is '\u007f' or '\uFFFD')
            {
                odd++;
            }
        }

        return odd * 10 > text.Length;
    }
}
