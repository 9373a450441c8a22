using System.Text;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Classifies the lines of one block: decodes UTF-8 once (invalid bytes become U+FFFD), then one line at a time (lines
/// end as <see cref="LineEnds"/> says).
/// </summary>
public static class BlockClassifier
{
    private const int CutTextBytes = 4096;

    /// <summary>Bytes decoded at a time: the characters (twice as many bytes) stay within a core's cache.</summary>
    private const int SliceBytes = 64 * 1024;

    [ThreadStatic]
    private static char[]? _chars;

    [ThreadStatic]
    private static int[]? _newlines;

    /// <param name="tally">Also add up the block's share of the summary (see <see cref="BlockTally"/>).</param>
    public static BlockResult Classify(LineBlock block, LineClassifier classifier, bool tally = false)
    {
        var result = new BlockResult { Bytes = block.Length + block.Skipped, ControlBytes = block.SkippedControlBytes, Tally = tally ? BlockTally.Rent() : null };
        var bytes = block.Bytes;
        if (bytes.IsEmpty)
        {
            return result;
        }
        if (block.CutLine)
        {
            result.ControlBytes += ControlBytes.Count(bytes);
            Span<char> head = stackalloc char[CutTextBytes];
            var n = Encoding.UTF8.GetChars(bytes[..Math.Min(bytes.Length, CutTextBytes)], head);
            result.Lines = 1;
            if (classifier.TryClassify(head[..n], 1, cut: true, ref result.NextLine()))
            {
                result.KeepNextLine(classifier.IpHash, classifier.UserHash);
            }

            return result;
        }

        // Decoded a slice of whole lines at a time, not the whole block: the characters are read back while they are
        // still in the cache, and the buffer stays small. A newline byte never occurs inside a UTF-8 sequence, so
        // cutting after one decodes exactly as the whole block would.
        long number = 0;
        var rest = bytes;
        var ends = _newlines ??= new int[1024];
        while (!rest.IsEmpty)
        {
            var sliceInBlock = bytes.Length - rest.Length;
            var slice = rest.Length <= SliceBytes ? rest : rest[..SliceEnd(rest)];
            rest = rest[slice.Length..];
            var chars = CharBuffer(Encoding.UTF8.GetMaxCharCount(slice.Length));
            if (AsciiSlice.TryDecode(slice, chars, ref ends, out var endCount, out var controls))
            {
                result.ControlBytes += controls;
                var start = 0;
                for (var k = 0; k < endCount; k++)
                {
                    ClassifyLine(classifier, result, chars.AsSpan(start, ends[k] - start), ++number, ascii: true, lineInBlock: sliceInBlock + start);
                    start = ends[k] + 1;
                }

                if (start < slice.Length)
                {
                    ClassifyLine(classifier, result, chars.AsSpan(start, slice.Length - start), ++number, ascii: true, lineInBlock: sliceInBlock + start);
                }

                continue;
            }

            result.ControlBytes += ControlBytes.Count(slice);
            var text = chars.AsSpan(0, Encoding.UTF8.GetChars(slice, chars));
            while (!text.IsEmpty)
            {
                var newline = LineEnds.Next(text);
                ClassifyLine(classifier, result, newline < 0 ? text : text[..newline], ++number);
                text = newline < 0 ? default : text[(newline + 1)..];
            }
        }

        _newlines = ends;
        result.Lines = number;
        return result;
    }

    /// <param name="lineInBlock">Where the line starts in the block's bytes when they are its characters (ASCII), else -1.</param>
    private static void ClassifyLine(LineClassifier classifier, BlockResult result, ReadOnlySpan<char> line, long number, bool ascii = false, int lineInBlock = -1)
    {
        if (classifier.TryClassify(line, number, cut: false, ref result.NextLine(), ascii, lineInBlock))
        {
            result.KeepNextLine(classifier.IpHash, classifier.UserHash);
        }
        else if (line.TrimEnd().IsEmpty)
        {
            result.Blank++;
        }
        else
        {
            result.OtherPrograms++;
        }
    }

    /// <summary>
    /// Where a slice of about <see cref="SliceBytes"/> ends: after its last line end (<see cref="LineEnds"/>), or, for a line longer than that,
    /// after the line's own newline (or at the end of the block).
    /// </summary>
    private static int SliceEnd(ReadOnlySpan<byte> rest)
    {
        var last = rest[..SliceBytes].LastIndexOf((byte)'\n');
        if (last < 0)
        {
            // No LF: lines may end in CR alone.
            last = LineEnds.Last(rest[..SliceBytes]);
        }

        if (last >= 0)
        {
            return last + 1;
        }

        var next = rest[SliceBytes..].IndexOf((byte)'\n');
        return next < 0 ? rest.Length : SliceBytes + next + 1;
    }

    /// <summary>One decoding buffer per worker thread, kept: see <see cref="BlockBuffers"/> for why not a shared pool.</summary>
    private static char[] CharBuffer(int length)
    {
        if (_chars is null || _chars.Length < length)
        {
            _chars = new char[length];
        }

        return _chars;
    }
}
