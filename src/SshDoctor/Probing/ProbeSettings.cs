using SshDoctor.Probing.Connect;

namespace SshDoctor.Probing;

/// <summary>How hard and how politely the probe may push a server.</summary>
public sealed record ProbeSettings
{
    /// <summary>The MaxAuthTries assumed until the server shows another (OpenSSH's default).</summary>
    public int AssumedMaxAuthTries { get; init; } = 6;

    /// <summary>Never open more connections than this for key queries (each costs the server a penalty on OpenSSH ≥ 9.8).</summary>
    public int MaxAuthConnections { get; init; } = 4;

    /// <summary>How long to wait before retrying when the server throttles (PerSourcePenalties, MaxStartups).</summary>
    public TimeSpan ThrottlePause { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>--login: authenticate for real and run <c>true</c>.</summary>
    public bool Login { get; init; }

    /// <summary>The clock certificates are checked against (a test sets its own).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Stop the auth stage at the server's list of methods: no key is collected or queried (scan).</summary>
    public bool MethodsOnly { get; init; }

    /// <summary>
    /// Ask every candidate key, not only up to the first accepted one as ssh would (scan --keys: which keys a host
    /// accepts). Within the same budget: MaxAuthTries−1 rejections per connection, <see cref="MaxAuthConnections"/>.
    /// </summary>
    public bool EveryKey { get; init; }

    /// <summary>Jump hosts kept across targets (scan): one connection and login per chain, not one per target; null for one target.</summary>
    public JumpCarriers? SharedJumps { get; init; }

    /// <summary>
    /// Host key types to offer right after those known_hosts names for the target (scan: the types its history recorded
    /// for the host), so the key negotiated is the one the history can compare; empty for diagnose. Never a jump host's.
    /// </summary>
    public IReadOnlyCollection<string> RecordedHostKeyTypes { get; init; } = [];

    /// <summary>
    /// A last step on the target's last session while it is still open, just before the probe closes it (scan: the other
    /// host key types, by key re-exchange on the same connection). Never run for a jump host's session.
    /// </summary>
    public Func<Ssh.SshProbeSession, CancellationToken, Task>? OnLastSession { get; init; }

    /// <summary>The scan's per-host deadline, paused while the target waits for its turn on <see cref="SharedJumps"/>; null outside a scan.</summary>
    public HostDeadline? Deadline { get; init; }

    /// <summary>The settings a request asks for.</summary>
    public static ProbeSettings For(DiagnoseRequest request) => Default with { Login = request.Login, MethodsOnly = request.MethodsOnly };

    public static ProbeSettings Default { get; } = new();
}
