namespace SshDoctor.Fixes.Records;

/// <summary>
/// One applied plan, written before its first change and updated as it goes, so that undo works after any crash: when,
/// what command line, which diagnoses, and every change with the checksums, modes and owners before and after and where
/// the backup copy is.
/// </summary>
public sealed class FixRecord
{
    public required string Id { get; set; }

    public required DateTimeOffset Time { get; set; }

    public required string CommandLine { get; set; }

    public List<string> DiagnosisIds { get; set; } = [];

    /// <summary>applying (written before the first change), applied, failed (put back), undone.</summary>
    public string State { get; set; } = RecordStates.Applying;

    public List<RecordedChange> Changes { get; set; } = [];

    public DateTimeOffset? UndoneAt { get; set; }

    /// <summary>What went wrong, for a failed apply.</summary>
    public string? Note { get; set; }
}

/// <summary>The states of a record and of each change.</summary>
public static class RecordStates
{
    public const string Applying = "applying";
    public const string Applied = "applied";
    public const string Failed = "failed";
    public const string Undone = "undone";
    public const string Pending = "pending";
    public const string RolledBack = "rolled-back";
}

/// <summary>One change of a record (kinds: content, mode, owner, directory, program).</summary>
public sealed class RecordedChange
{
    public required string Fix { get; set; }

    public required string Kind { get; set; }

    public required string Path { get; set; }

    public string State { get; set; } = RecordStates.Pending;

    /// <summary>SHA-256 of the content before and after ("absent": no file).</summary>
    public string? OldChecksum { get; set; }

    public string? NewChecksum { get; set; }

    /// <summary>The backup of the old content, relative to the state directory.</summary>
    public string? Backup { get; set; }

    public int? OldMode { get; set; }

    public int? NewMode { get; set; }

    public uint? OldUid { get; set; }

    public uint? OldGid { get; set; }

    public uint? NewUid { get; set; }

    public uint? NewGid { get; set; }

    /// <summary>The old file's SELinux label (base64), restored with its content.</summary>
    public string? Label { get; set; }

    public List<string>? Program { get; set; }

    public List<string>? UndoProgram { get; set; }

    /// <summary>For a created directory: every entry made, with its checksum, so undo removes only what is unchanged.</summary>
    public List<CreatedEntry>? Created { get; set; }

    /// <summary>For a relabelling: each path's label before and after (base64; null: none).</summary>
    public List<LabelChange>? Labels { get; set; }
}

public sealed class CreatedEntry
{
    public required string Path { get; set; }

    /// <summary>file, directory or link.</summary>
    public required string Kind { get; set; }

    public string? Checksum { get; set; }
}

public sealed class LabelChange
{
    public required string Path { get; set; }

    public string? Old { get; set; }

    public string? New { get; set; }
}
