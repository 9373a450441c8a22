namespace SshDoctor.Logs.Bulk;

/// <summary>One input that was read: a file (plain or gzip), standard input or journald, and what it held.</summary>
public sealed class InputSummary(string name, string kind)
{
    public string Name { get; } = name;

    /// <summary><c>file</c>, <c>gzip</c>, <c>stdin</c> or <c>journal</c>.</summary>
    public string Kind { get; } = kind;

    public long Bytes { get; set; }

    public long Lines { get; set; }

    public long ControlBytes { get; set; }

    public long Recognised { get; set; }

    public List<string> Notes { get; } = [];

    /// <summary>Mostly control bytes: not a text log at all.</summary>
    public bool LooksBinary => Bytes > 0 && ControlBytes * 10 > Bytes;
}
