namespace SshDoctor.Ssh;

/// <summary>Why and where the probe stopped. A value, never an exception, so the caller can reason about it.</summary>
/// <param name="Stage">The stage that was running.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">A short technical explanation for logs (not for matching).</param>
public sealed record ProbeFailure(ProbeStage Stage, ProbeFailureKind Kind, string Detail)
{
    /// <summary>Set when <see cref="Kind"/> is <see cref="ProbeFailureKind.Disconnected"/>.</summary>
    public DisconnectInfo? Disconnect { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ProbeFailureKind.NoCommonAlgorithm"/>.</summary>
    public AlgorithmSlot? Slot { get; init; }

    /// <summary>
    /// What OpenSSH's ssh prints for the same fault (its ssh_err() text after <c>ssh_dispatch_run_fatal: Connection to
    /// HOST port P: </c>, e.g. <c>incorrect signature</c>), when the probe knows it.
    /// </summary>
    public string? OpenSshError { get; init; }

    public override string ToString() =>
        $"{Stage}: {Kind}{(Slot is { } s ? $" ({s})" : "")}{(Disconnect is { } d ? $" [{d.ReasonCode} {d.Description}]" : "")} - {Detail}";
}
