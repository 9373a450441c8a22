using System.Diagnostics;

namespace SshDoctor.Probing.Connect;

/// <summary>
/// The DNS lookup and TCP connect for the built-in parser's reading of the destination, started while <c>ssh -G</c>
/// and <c>ssh -V</c> still run. sshd forks and re-executes itself before it sends its banner, so the server's start-up
/// and our ssh processes overlap instead of adding up. Nothing is sent on the socket until the probe takes it (what the
/// server sends meanwhile is kept, see <see cref="ProbeTcpStream"/>), and it is taken only when <c>ssh -G</c> resolves
/// to the same name, port, address family and timeout; otherwise it is closed.
/// </summary>
public sealed class EarlyConnection : IDisposable
{
    private readonly ProbeTarget _guess;
    private readonly CancellationTokenSource _abandon;
    private bool _taken;

    private EarlyConnection(ProbeTarget guess, CancellationToken cancellationToken)
    {
        _guess = guess;
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Result = RunAsync(_abandon.Token);
    }

    /// <summary>What the lookup and the connect found, with the time each took.</summary>
    public Task<EarlyConnectionResult> Result { get; }

    /// <summary>Starts connecting to <paramref name="guess"/>; null when ssh would not connect directly (jump hosts, ProxyCommand).</summary>
    public static EarlyConnection? Start(ProbeTarget? guess, CancellationToken cancellationToken) =>
        guess is null || guess.Jumps.Count > 0 || guess.ProxyCommand is not null ? null : new EarlyConnection(guess, cancellationToken);

    /// <summary>True when the resolved target would make exactly this connection.</summary>
    public bool Matches(ProbeTarget target) =>
        target.Jumps.Count == 0 && target.ProxyCommand is null
        && target.HostName == _guess.HostName && target.Port == _guess.Port
        && target.AddressFamily == _guess.AddressFamily && target.ConnectTimeout == _guess.ConnectTimeout;

    /// <summary>Hands the result (and its socket) to the probe; after this, <see cref="Dispose"/> leaves the socket open.</summary>
    public Task<EarlyConnectionResult> TakeAsync()
    {
        _taken = true;
        return Result;
    }

    public void Dispose()
    {
        if (_taken)
        {
            _abandon.Dispose();
            return;
        }

        _abandon.Cancel();
        _ = Result.ContinueWith(t => t.Result.Stream?.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _abandon.Dispose();
    }

    private async Task<EarlyConnectionResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (addresses, error) = await TcpConnector.ResolveAsync(_guess.HostName, _guess.AddressFamily, _guess.ConnectTimeout, cancellationToken);
        var dnsElapsed = Stopwatch.GetElapsedTime(started);
        if (error is not null)
        {
            return new EarlyConnectionResult(addresses, error, dnsElapsed, null);
        }

        var tcp = await TcpConnector.ConnectAsync(addresses, _guess.Port, _guess.ConnectTimeout, cancellationToken);
        return new EarlyConnectionResult(addresses, null, dnsElapsed, tcp) { Stream = tcp.Socket is { } socket ? new ProbeTcpStream(socket) : null };
    }
}
