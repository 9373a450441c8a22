namespace SshDoctor.Logs.Bulk;

/// <summary>What one block of lines held: the SSH lines as records (line numbers relative to the block), the rest counted.</summary>
public sealed class BlockResult
{
    public List<LogRecord> Records { get; } = [];

    public long Lines { get; set; }

    /// <summary>How many of <see cref="Records"/> a signature recognised.</summary>
    public long Recognised { get; set; }

    public long Blank { get; set; }

    /// <summary>Lines of other programs (CRON, sudo, systemd-logind...): not about SSH, counted only.</summary>
    public long OtherPrograms { get; set; }

    public long Bytes { get; set; }

    /// <summary>NUL and other control bytes that never appear in text logs: many of them mean the input is binary.</summary>
    public long ControlBytes { get; set; }
}
