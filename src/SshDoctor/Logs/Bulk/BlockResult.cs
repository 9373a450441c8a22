namespace SshDoctor.Logs.Bulk;

/// <summary>
/// What one block of lines held: the SSH lines as values in a pooled array (line numbers relative to the block), the
/// rest counted. Dispose returns the array once the lines have been consumed.
/// </summary>
public sealed class BlockResult : IDisposable
{
    private SshLine[] _sshLines = [];

    /// <summary>The SSH lines (recognised or not), in input order.</summary>
    public Span<SshLine> SshLines => _sshLines.AsSpan(0, SshLineCount);

    public int SshLineCount { get; private set; }

    public long Lines { get; set; }

    /// <summary>How many of <see cref="SshLines"/> a signature recognised.</summary>
    public long Recognised { get; set; }

    public long Blank { get; set; }

    /// <summary>Lines of other programs (CRON, sudo, systemd-logind...): not about SSH, counted only.</summary>
    public long OtherPrograms { get; set; }

    public long Bytes { get; set; }

    /// <summary>NUL and other control bytes that never appear in text logs: many of them mean the input is binary.</summary>
    public long ControlBytes { get; set; }

    /// <summary>The block's share of the summary, added up by the worker; null when the caller filters lines.</summary>
    public BlockTally? Tally { get => _tally; init => _tally = value; }

    private BlockTally? _tally;

    /// <summary>The bytes a per-line output formatted for these lines on the worker (<see cref="FormatLines"/>); null when none did.</summary>
    public LineBytes? Formatted { get; private set; }

    /// <summary>Where the next SSH line is to be written (kept only once <see cref="KeepNextLine"/> is called).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ref SshLine NextLine()
    {
        if (SshLineCount == _sshLines.Length)
        {
            Grow();
        }

        return ref _sshLines[SshLineCount];
    }

    /// <summary>Keeps the line written at <see cref="NextLine"/>, with the hashes its classifier made of its address and user (<see cref="LineClassifier.IpHash"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void KeepNextLine(int ipHash, int userHash)
    {
        ref var line = ref _sshLines[SshLineCount++];
        Tally?.Add(line, SshLineCount - 1, ipHash, userHash);
        Recognised += line.Recognised ? 1 : 0;
    }

    /// <summary>
    /// Formats the lines an output shows (recognised ones, unknown ones, or both) on this thread, the block's worker;
    /// a recognised line's text is dropped once formatted.
    /// </summary>
    /// <param name="block">The block's bytes, where recognised lines may keep their message (<see cref="SshLine.TextInBlockStart"/>).</param>
    public void FormatLines(LineFormat format, string file, ReadOnlySpan<byte> block, bool recognised, bool unknown)
    {
        var bytes = LineBytes.Rent();
        foreach (ref var line in SshLines)
        {
            if (line.Recognised ? recognised : unknown)
            {
                format(line, file, block, bytes);

                // The text is in the bytes now and nothing in order reads a recognised line's (the summary keeps
                // unknown ones only): let it die young instead of being copied by a collection while the block waits.
                if (line.Recognised)
                {
                    line.Text = string.Empty;
                    line.TextInBlockLength = 0;
                }
            }
            else
            {
                bytes.SkipLine();
            }
        }

        Formatted = bytes;
    }

    public void Dispose()
    {
        if (Formatted is { } formatted)
        {
            Formatted = null;
            LineBytes.Return(formatted);
        }

        if (_tally is { } t)
        {
            _tally = null;
            BlockTally.Return(t);
        }

        if (_sshLines.Length > 0)
        {
            SshLineArrays.Return(_sshLines);
            _sshLines = [];
            SshLineCount = 0;
        }
    }

    private void Grow() => _sshLines = _sshLines.Length == 0 ? SshLineArrays.Rent() : SshLineArrays.Grow(_sshLines);
}
