namespace SshDoctor.Probing;

/// <summary>
/// A scan's per-host deadline: it runs while the host is probed, and not while the host waits its turn on a jump host
/// shared with other targets (<see cref="JumpCarriers"/>), so a host behind a busy jump host is given its whole time once
/// its channel opens. The wait itself ends with the scan (its token) or when the turn comes; each turn before it is
/// bounded by that host's own deadline.
/// </summary>
public sealed class HostDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TimeSpan _length;

    public HostDeadline(TimeSpan length, CancellationToken scan)
    {
        _length = length;
        _source = CancellationTokenSource.CreateLinkedTokenSource(scan);
        _source.CancelAfter(length);
    }

    /// <summary>Cancelled when the deadline passes or the scan stops.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Waits for <paramref name="turn"/> with the clock stopped, then starts the whole deadline again: the host's turn has come.</summary>
    public async Task<T> WithoutTheClockAsync<T>(Func<Task<T>> turn)
    {
        _source.CancelAfter(Timeout.InfiniteTimeSpan);
        try
        {
            return await turn();
        }
        finally
        {
            _source.CancelAfter(_length);
        }
    }

    public void Dispose() => _source.Dispose();
}
