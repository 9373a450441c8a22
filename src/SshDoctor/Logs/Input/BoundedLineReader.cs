using System.Text;

namespace SshDoctor.Logs.Input;

/// <summary>
/// Reads text lines from any stream within <see cref="InputLimits"/>: a 10 MB single line, binary data or an
/// endless pipe costs bounded memory, and what was cut is said in the notes rather than silently dropped.
/// A line ends at LF, CR LF, or a CR before anything else (old Mac files; a terminal returns to the start of the line);
/// CRs just before an LF are part of that line end.
/// </summary>
public static class BoundedLineReader
{
    public static InputText Read(string name, Stream stream, InputLimits limits)
    {
        var notes = new List<string>();
        var lines = new List<SourceLine>();
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        var current = new StringBuilder();
        var lineNumber = 0;
        var cutLines = 0;
        long total = 0;
        long controlBytes = 0;
        var truncated = false;
        var currentCut = false;
        var carriageReturn = false;
        var stoppedBinary = false;

        while (true)
        {
            var want = (int)Math.Min(bytes.Length, limits.MaxBytes - total);
            if (want <= 0)
            {
                truncated = stream.ReadByte() >= 0;
                break;
            }

            var read = stream.Read(bytes, 0, want);
            if (read <= 0)
            {
                break;
            }

            total += read;
            for (var i = 0; i < read; i++)
            {
                var b = bytes[i];
                if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x1b && b != '\b'))
                {
                    controlBytes++;
                }
            }

            var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            if (!Append(chars.AsSpan(0, count)))
            {
                break;
            }

            if (total >= limits.BinaryVerdictBytes && controlBytes * 10 > total)
            {
                // Mostly control bytes: not a log, and reading to the byte bound would only keep more garbage.
                stoppedBinary = true;
                break;
            }
        }

        if (current.Length > 0 || currentCut)
        {
            Emit();
        }

        if (truncated)
        {
            notes.Add($"input is larger than {limits.MaxBytes / (1024 * 1024)} MiB: only the beginning was read");
        }

        if (cutLines > 0)
        {
            notes.Add($"{cutLines} line(s) longer than {limits.MaxLineChars} characters were cut");
        }

        var looksBinary = total > 0 && controlBytes * 10 > total;
        if (stoppedBinary)
        {
            notes.Add($"input looks binary, not like a log: stopped after {total >> 20} MiB");
        }
        else if (looksBinary)
        {
            notes.Add("input looks binary, not like a log");
        }

        return new InputText(name, lines, notes) { LooksBinary = looksBinary };

        bool Append(ReadOnlySpan<char> span)
        {
            while (!span.IsEmpty)
            {
                if (carriageReturn)
                {
                    // The character after a CR decides whether the CR ended its line (see the class summary).
                    carriageReturn = false;
                    if (span[0] is not ('\n' or '\r') && !EndLine())
                    {
                        return false;
                    }
                }

                var end = span.IndexOfAny('\n', '\r');
                var piece = end < 0 ? span : span[..end];
                var room = limits.MaxLineChars - current.Length;
                if (room > 0)
                {
                    current.Append(WholeCharacters.Cut(piece, room));
                }

                if (piece.Length > room)
                {
                    // The rest of the line is dropped until its end; counted once per line.
                    currentCut = true;
                }

                if (end < 0)
                {
                    return true;
                }

                var isCarriageReturn = span[end] == '\r';
                span = span[(end + 1)..];
                if (isCarriageReturn)
                {
                    carriageReturn = true;
                }
                else if (!EndLine())
                {
                    return false;
                }
            }

            return true;
        }

        bool EndLine()
        {
            Emit();
            if (lines.Count >= limits.MaxLines)
            {
                notes.Add($"more than {limits.MaxLines} lines: only the first were read");
                return false;
            }

            return true;
        }

        void Emit()
        {
            lineNumber++;
            if (currentCut)
            {
                cutLines++;
                currentCut = false;
            }

            lines.Add(new SourceLine(name, lineNumber, TerminalText.Clean(current.ToString())));
            current.Clear();
        }
    }

    public static InputText ReadFile(string path, InputLimits limits)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        return Read(path, stream, limits);
    }
}
