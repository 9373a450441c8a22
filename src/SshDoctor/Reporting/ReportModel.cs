namespace SshDoctor.Reporting;

/// <summary>The JSON contract (schema <c>ssh-doctor/1</c>): what scripts rely on. Field names are snake_case on the wire.</summary>
public sealed class Report
{
    public string Schema { get; init; } = "ssh-doctor/1";

    public required string Command { get; init; }

    /// <summary>"ok" when no diagnosis, "problem" otherwise.</summary>
    public required string Status { get; init; }

    public string Language { get; init; } = "en";

    public TargetReport? Target { get; init; }

    public IReadOnlyList<StageReport> Stages { get; init; } = [];

    public IReadOnlyList<DiagnosisReport> Diagnoses { get; init; } = [];

    /// <summary>What <c>explain</c> read: one entry per input, with what kind of log it was.</summary>
    public IReadOnlyList<InputReport>? Inputs { get; init; }

    /// <summary>What the client log shows per connection (the target and each jump host).</summary>
    public IReadOnlyList<ClientSessionReport>? Sessions { get; init; }

    /// <summary>What check-local / check-server saw, grouped by area (files, keys, config, sshd-config, users...), each naming its file(:line).</summary>
    public IReadOnlyList<FindingReport>? Findings { get; init; }
}

public sealed class FindingReport
{
    /// <summary>files, keys, config, known_hosts, agent, sshd-config, service, users, firewall, bans, logs, selinux.</summary>
    public required string Area { get; init; }

    /// <summary>ok, info, warning, problem (also a diagnosis), skipped (could not look), error (the check failed).</summary>
    public required string Severity { get; init; }

    /// <summary>Stable code of the finding's text (e.g. mode.looser-than-recommended).</summary>
    public required string Code { get; init; }

    public required string Text { get; init; }

    /// <summary>The file, or file:line, the finding is about.</summary>
    public string? Where { get; init; }

    /// <summary>The diagnosis this finding is evidence for (problems only).</summary>
    public string? Id { get; init; }
}

public sealed class TargetReport
{
    public string? User { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    public IReadOnlyList<string> Via { get; init; } = [];
}

public sealed class StageReport
{
    public required string Stage { get; init; }

    /// <summary>ok, failed, warning or skipped.</summary>
    public required string Status { get; init; }

    public long? ElapsedMs { get; init; }

    public string? Detail { get; init; }
}

public sealed class DiagnosisReport
{
    public required string Id { get; init; }

    public required string Stage { get; init; }

    public required string Certainty { get; init; }

    public required string Title { get; init; }

    public required string Explanation { get; init; }

    public string? Hop { get; init; }

    public IReadOnlyList<EvidenceReport> Evidence { get; init; } = [];

    public IReadOnlyList<FixReport> Fixes { get; init; } = [];

    /// <summary>Other ids the evidence could not rule out.</summary>
    public IReadOnlyList<string> Alternatives { get; init; } = [];

    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();
}

public sealed class EvidenceReport
{
    public required string Source { get; init; }

    public required string Text { get; init; }

    public string? Where { get; init; }
}

public sealed class FixReport
{
    public required string Summary { get; init; }

    public string? Command { get; init; }

    public bool Automatic { get; init; }
}

public sealed class InputReport
{
    public required string Name { get; init; }

    /// <summary>client-log, server-log, mixed or unknown.</summary>
    public required string Kind { get; init; }

    public int Lines { get; init; }

    public int Recognised { get; init; }

    public string? Note { get; init; }
}

public sealed class ClientSessionReport
{
    /// <summary>"target" or "jump N".</summary>
    public required string Role { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    public string? User { get; init; }

    public string? OpenSshVersion { get; init; }

    public string? ServerVersion { get; init; }

    public IReadOnlyList<StageReport> Timeline { get; init; } = [];

    public IReadOnlyList<KeyAttemptReport> Keys { get; init; } = [];

    public IReadOnlyList<string> MethodsThatCanContinue { get; init; } = [];

    public HostKeyReport? HostKey { get; init; }

    public IReadOnlyList<AlgorithmOfferReport> AlgorithmOffers { get; init; } = [];
}

public sealed class KeyAttemptReport
{
    public required string Identity { get; init; }

    public string? Type { get; init; }

    public string? Fingerprint { get; init; }

    /// <summary>offered-rejected, accepted, skipped, not-loaded, signing-failed, not-offered.</summary>
    public required string Result { get; init; }

    public string? Detail { get; init; }

    public string? Where { get; init; }
}

public sealed class HostKeyReport
{
    public string? Type { get; init; }

    public string? Fingerprint { get; init; }

    public string? KnownHostsMatch { get; init; }

    public string? Offending { get; init; }
}

public sealed class AlgorithmOfferReport
{
    /// <summary>kex, hostkey, cipher, mac.</summary>
    public required string Slot { get; init; }

    public IReadOnlyList<string> Client { get; init; } = [];

    public IReadOnlyList<string> Server { get; init; } = [];

    public string? Chosen { get; init; }
}
