namespace SshDoctor.Probing.Connect;

/// <summary>
/// Jump hosts shared by many targets (scan): each chain of hops is probed and logged into once, and its last session
/// carries the targets behind it, each in its own <c>direct-tcpip</c> channel, up to <see cref="ChannelsPerSession"/>
/// at once (the session's <see cref="Ssh.Connection.ChannelMultiplexer"/> reads them all); the jump host sees one of our
/// connections, not one per target. A chain that failed is not tried again: its hops' results stand for every target
/// behind it. A carrier that broke is probed again for the next target (the targets still on it have ended with it).
/// </summary>
public sealed class JumpCarriers : IAsyncDisposable
{
    /// <summary>
    /// Targets probed at once through one jump session. OpenSSH sets no limit on direct-tcpip channels (MaxSessions
    /// counts shell, exec and subsystem sessions only), but each one is an outgoing connection and buffers on the jump
    /// host; we keep to sshd's own default MaxSessions, 10, so a scan's connection is never busier than one sshd
    /// allows a user by default. The scan's per-network limit (--per-network, everything behind one jump host) applies too.
    /// </summary>
    public const int ChannelsPerSession = 10;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Chain> _chains = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for room on the target's chain, probing it first when no usable one is kept (one target probes, the others
    /// wait for it); dispose the lease to free the room. The target's <paramref name="deadline"/> does not run while it
    /// waits: it starts again, whole, when its turn comes.
    /// </summary>
    internal async Task<Lease> LeaseAsync(ProbeTarget target, Func<CancellationToken, Task<ProbedChain>> probe, HostDeadline? deadline, CancellationToken cancellationToken)
    {
        var key = string.Join(' ', target.JumpTargets.Select(j => $"{j.User}@{j.HostName}:{j.Port}"));
        Chain chain;
        lock (_lock)
        {
            if (!_chains.TryGetValue(key, out chain!))
            {
                _chains[key] = chain = new Chain();
            }
        }

        async Task<bool> TurnAsync()
        {
            await chain.Room.WaitAsync(cancellationToken);
            try
            {
                await chain.Probing.WaitAsync(cancellationToken);
            }
            catch
            {
                chain.Room.Release();
                throw;
            }

            return true;
        }

        if (deadline is null)
        {
            await TurnAsync();
        }
        else
        {
            await deadline.WithoutTheClockAsync(TurnAsync);
        }

        try
        {
            if (chain.Probed is null || chain.Probed.Carrier is { IsOpen: false })
            {
                if (chain.Probed is { } broken)
                {
                    // Its connection ended, and every channel on it with it.
                    chain.Probed = null;
                    await broken.DisposeAsync();
                }

                chain.Probed = await probe(cancellationToken);
            }

            return new Lease(chain, chain.Probed);
        }
        catch
        {
            chain.Room.Release();
            throw;
        }
        finally
        {
            chain.Probing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<Chain> chains;
        lock (_lock)
        {
            chains = [.. _chains.Values];
            _chains.Clear();
        }

        foreach (var chain in chains)
        {
            if (chain.Probed is { } probed)
            {
                await probed.DisposeAsync();
            }

            chain.Room.Dispose();
            chain.Probing.Dispose();
        }
    }

    internal sealed class Chain
    {
        /// <summary>Targets on the chain at once.</summary>
        public SemaphoreSlim Room { get; } = new(ChannelsPerSession, ChannelsPerSession);

        /// <summary>Held while a target looks at the chain and probes it again when it is missing or broken.</summary>
        public SemaphoreSlim Probing { get; } = new(1, 1);

        public ProbedChain? Probed { get; set; }
    }

    /// <summary>One target's room on a chain.</summary>
    internal sealed class Lease(Chain chain, ProbedChain probed) : IAsyncDisposable
    {
        private int _released;

        public ProbedChain Chain => probed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                chain.Room.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// The hops of a ProxyJump chain as probed: each hop's result, the authenticated sessions (the last carries the target),
/// or the hop that failed and why.
/// </summary>
internal sealed record ProbedChain(IReadOnlyList<DiagnoseResult> Hops, IReadOnlyList<Ssh.SshProbeSession> Carriers, string? FailedHop, string? Failure) : IAsyncDisposable
{
    /// <summary>The session that carries the target, or null when a hop failed.</summary>
    public Ssh.SshProbeSession? Carrier => FailedHop is null && Carriers.Count > 0 ? Carriers[^1] : null;

    public async ValueTask DisposeAsync()
    {
        for (var i = Carriers.Count - 1; i >= 0; i--)
        {
            await Carriers[i].DisposeAsync();
        }
    }
}
