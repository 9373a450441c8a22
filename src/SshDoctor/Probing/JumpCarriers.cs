namespace SshDoctor.Probing;

/// <summary>
/// Jump hosts shared by many targets (scan): each chain of hops is probed and logged into once, and its last session
/// carries every target behind it, each in its own <c>direct-tcpip</c> channel, one target at a time (a
/// <see cref="Ssh.Connection.ChannelStream"/> reads one channel at a time, and the jump host sees one of our
/// connections, not one per target). A chain that failed is not tried again: its hops' results stand for every target
/// behind it. A carrier that broke is probed again for the next target.
/// </summary>
public sealed class JumpCarriers : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Chain> _chains = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for the target's chain to be free, probing it first when no usable one is kept; dispose the lease to free it.
    /// The target's <paramref name="deadline"/> does not run while it waits: it starts again, whole, when its turn comes.
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

        if (deadline is null)
        {
            await chain.Turn.WaitAsync(cancellationToken);
        }
        else
        {
            await deadline.WithoutTheClockAsync(async () =>
            {
                await chain.Turn.WaitAsync(cancellationToken);
                return true;
            });
        }

        try
        {
            if (chain.Probed is null || chain.Probed.Carrier is { IsOpen: false })
            {
                if (chain.Probed is { } broken)
                {
                    await broken.DisposeAsync();
                    chain.Probed = null;
                }

                chain.Probed = await probe(cancellationToken);
            }

            return new Lease(chain);
        }
        catch
        {
            chain.Turn.Release();
            throw;
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

            chain.Turn.Dispose();
        }
    }

    internal sealed class Chain
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public ProbedChain? Probed { get; set; }
    }

    /// <summary>One target's turn on a chain.</summary>
    internal sealed class Lease(Chain chain) : IAsyncDisposable
    {
        private int _released;

        public ProbedChain Chain => chain.Probed!;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                chain.Turn.Release();
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
