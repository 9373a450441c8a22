using System.Text;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Turns bytes arriving in pieces (a growing file, a pipe) into classified lines as soon as each line is complete (lines
/// end as <see cref="LineEnds"/> says).
/// A line longer than <see cref="LineClassifier.MaxLineChars"/> bytes is kept only as its beginning and flagged as cut.
/// </summary>
public sealed class LineSplitter(LineClassifier classifier, Action<LogRecord> accept)
{
    private readonly byte[] _line = new byte[LineClassifier.MaxLineChars + 1];
    private int _length;
    private bool _cut;
    private bool _carriageReturn;

    /// <summary>Lines completed so far (the next line's number is this plus one).</summary>
    public long Lines { get; private set; }

    public void Push(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        if (_carriageReturn)
        {
            // The last piece ended in a CR: it ended its line unless a CR or LF follows (see LineEnds).
            _carriageReturn = false;
            if (bytes[0] is not ((byte)'\n' or (byte)'\r'))
            {
                Emit();
            }
        }

        while (!bytes.IsEmpty)
        {
            var end = LineEnds.Next(bytes);
            var piece = end < 0 ? bytes : bytes[..end];
            var room = _line.Length - _length;
            if (piece.Length > room)
            {
                _cut = true;
            }

            piece[..Math.Min(room, piece.Length)].CopyTo(_line.AsSpan(_length));
            _length += Math.Min(room, piece.Length);
            if (end < 0)
            {
                // A CR last may end the line: the next piece tells (the CR itself is kept, and trimmed as white space).
                _carriageReturn = bytes[^1] == '\r';
                return;
            }

            Emit();
            bytes = bytes[(end + 1)..];
        }
    }

    /// <summary>The end of the input: a last line without a newline still counts.</summary>
    public void Flush()
    {
        if (_length > 0 || _cut)
        {
            Emit();
        }
    }

    /// <summary>A new file starts (rotation): line numbers start again.</summary>
    public void Restart()
    {
        _length = 0;
        _cut = false;
        _carriageReturn = false;
        Lines = 0;
    }

    private void Emit()
    {
        Lines++;
        var text = Encoding.UTF8.GetString(_line, 0, _length);
        var record = classifier.Classify(text, Lines, _cut);
        _length = 0;
        _cut = false;
        if (record is not null)
        {
            accept(record);
        }
    }
}
