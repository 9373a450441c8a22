namespace SshDoctor.Reporting;

/// <summary>
/// The JSON contract of <c>ssh-doctor fix</c> (and of <c>--fix</c> on diagnose, check-local, check-server, explain): the
/// plan, what was refused and why, the record written, and each fix's outcome after the re-check.
/// </summary>
public sealed class FixRunReport
{
    public string Schema { get; init; } = "ssh-doctor-fix/1";

    public required string Command { get; init; }

    /// <summary>nothing-to-fix, planned (dry run or plan only), not-confirmed, applied, failed, bad-input.</summary>
    public required string Status { get; init; }

    public string Language { get; init; } = "en";

    public IReadOnlyList<PlannedFixReport> Plan { get; init; } = [];

    public IReadOnlyList<FixRefusalReport> Refused { get; init; } = [];

    /// <summary>The record undo takes (<c>ssh-doctor undo RECORD</c>), once something was applied.</summary>
    public string? Record { get; init; }

    /// <summary>The command that undoes what was applied, with the --home / --root fix was given (quoted for a shell).</summary>
    public string? UndoCommand { get; init; }

    public IReadOnlyList<FixOutcomeReport>? Outcomes { get; init; }

    public string? Error { get; init; }
}

public sealed class PlannedFixReport
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>Why: the diagnosis' evidence.</summary>
    public IReadOnlyList<EvidenceReport> Evidence { get; init; } = [];

    public IReadOnlyList<FixChangeReport> Changes { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public FixHostKeyReport? HostKey { get; init; }
}

/// <summary>One change: kind content (with a unified diff), mode (0644 → 0600), owner, directory or program.</summary>
public sealed class FixChangeReport
{
    public required string Kind { get; init; }

    public required string Path { get; init; }

    public string? Diff { get; init; }

    public string? OldMode { get; init; }

    public string? NewMode { get; init; }

    public string? OldOwner { get; init; }

    public string? NewOwner { get; init; }

    /// <summary>The shell command that makes the same change, every value quoted.</summary>
    public string? Command { get; init; }
}

/// <summary>The fingerprints known_hosts records for the host (file:line) and the one the server presented.</summary>
public sealed class FixHostKeyReport
{
    public required string Host { get; init; }

    public IReadOnlyList<RecordedKeyReport> Recorded { get; init; } = [];

    public required string Presented { get; init; }

    /// <summary>True when the probe verified the server's signature with the presented key.</summary>
    public bool Verified { get; init; }
}

public sealed class RecordedKeyReport
{
    public required string Fingerprint { get; init; }

    public required string Where { get; init; }
}

public sealed class FixRefusalReport
{
    public required string Id { get; init; }

    public required string Reason { get; init; }
}

/// <summary>fixed, still-failing (with the new evidence), not-applied (with why).</summary>
public sealed class FixOutcomeReport
{
    public required string Id { get; init; }

    public required string Result { get; init; }

    public string? Detail { get; init; }

    public IReadOnlyList<EvidenceReport> Evidence { get; init; } = [];
}

/// <summary>The JSON of <c>ssh-doctor undo</c>: the records (with --list), or what one undo did.</summary>
public sealed class UndoReport
{
    public string Schema { get; init; } = "ssh-doctor-fix/1";

    public required string Command { get; init; }

    /// <summary>listed, undone, refused, nothing-to-undo.</summary>
    public required string Status { get; init; }

    public IReadOnlyList<FixRecordReport> Records { get; init; } = [];

    public IReadOnlyList<UndoChangeReport> Changes { get; init; } = [];

    public string? Error { get; init; }
}

public sealed class FixRecordReport
{
    public required string Id { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string State { get; init; }

    public required string CommandLine { get; init; }

    public IReadOnlyList<string> DiagnosisIds { get; init; } = [];

    public IReadOnlyList<string> Paths { get; init; } = [];
}

/// <summary>One change of an undo: restored, already-old, changed (refused or forced), not-reversible.</summary>
public sealed class UndoChangeReport
{
    public required string Kind { get; init; }

    public required string Path { get; init; }

    public required string Result { get; init; }

    public string? Detail { get; init; }
}
