using System.Diagnostics;
using System.Net;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Probing.Connect;
using SshDoctor.Probing.UserSsh;
using SshDoctor.Ssh;
using SshDoctor.Ssh.KnownHosts;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Probing;

/// <summary>
/// The staged probe of one destination: config → dns → tcp → banner → kex → hostkey → auth → session, stopping where
/// the user's ssh would stop, with one diagnosis per proven problem. Never throws for anything a server does.
/// </summary>
public sealed class Prober
{
    private readonly ProbeTarget _target;
    private readonly ProbeSettings _settings;
    private readonly IProbeObserver? _observer;
    private readonly EarlyConnection? _early;

    /// <param name="early">A lookup and connect started before the target was resolved; used only when it matches.</param>
    public Prober(ProbeTarget target, ProbeSettings? settings = null, IProbeObserver? observer = null, EarlyConnection? early = null)
    {
        _target = target;
        _settings = settings ?? ProbeSettings.Default;
        _observer = observer;
        _early = early is not null && early.Matches(target) ? early : null;
    }

    public async Task<DiagnoseResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var result = new DiagnoseResult { Target = _target };
        var clock = new StageClock(result, _observer);
        clock.Start(Stage.Config);
        if (_target.ConfigFatal)
        {
            clock.End(Stage.Config, StageStatus.Failed, "ssh refuses this configuration" + (_target.ConfigError is { Length: > 0 } error ? ": " + error : ""));
            clock.SkipAfter(Stage.Config, "ssh stops at its configuration");
            return result;
        }

        clock.End(Stage.Config, _target.ConfigDiagnoses.Count > 0 ? StageStatus.Warning : StageStatus.Ok,
            $"{_target.User}@{_target.HostName}:{_target.Port} ({_target.ConfigSource}; your client: {_target.ClientVersion?.Text ?? "unknown"})");

        if (_target.Jumps.Count > 0)
        {
            await new JumpProber(_target, _settings, _observer).RunAsync(result, clock, cancellationToken);
            return result;
        }

        if (_target.ProxyCommand is not null)
        {
            await new ProxyCommandProber(_target, _settings).RunAsync(result, clock, cancellationToken);
            return result;
        }

        clock.Start(Stage.Dns);
        var early = _early is null ? null : await _early.TakeAsync();
        var (addresses, dnsError) = early is not null
            ? (early.Addresses, early.DnsError)
            : await TcpConnector.ResolveAsync(_target.HostName, _target.AddressFamily, _target.ConnectTimeout, cancellationToken);
        if (dnsError is not null)
        {
            result.Observations.Add(new NameNotResolved(_target.Subject, null, _target.HostName, dnsError));
            clock.End(Stage.Dns, StageStatus.Failed, $"{_target.HostName}: {dnsError}", early?.DnsElapsed);
            clock.SkipAfter(Stage.Dns, "no address to connect to");
            return result;
        }

        clock.End(Stage.Dns, StageStatus.Ok, $"{_target.HostName} → {string.Join(", ", addresses)}", early?.DnsElapsed);
        clock.Start(Stage.Tcp);
        var tcp = early?.Tcp ?? await TcpConnector.ConnectAsync(addresses, _target.Port, _target.ConnectTimeout, cancellationToken);
        result.Connections++;
        if (tcp.Socket is null)
        {
            result.Observations.Add(TcpConnector.Failed(_target, null, tcp));
            clock.End(Stage.Tcp, StageStatus.Failed, $"connect to {_target.HostName} port {_target.Port}: {tcp.LastFailure?.Detail}",
                TimeSpan.FromTicks(tcp.Attempts.Sum(a => a.Elapsed.Ticks)));
            clock.SkipAfter(Stage.Tcp, "no TCP connection");
            return result;
        }

        var connected = tcp.Attempts[^1];
        clock.End(Stage.Tcp, StageStatus.Ok, $"connected to {connected.Address} port {_target.Port}", connected.Elapsed);

        async Task<Stream?> ReconnectAsync(CancellationToken ct)
        {
            var again = await TcpConnector.ConnectAsync([connected.Address], _target.Port, _target.ConnectTimeout, ct);
            return again.Socket is null ? null : new ProbeTcpStream(again.Socket);
        }

        await new SshStages(_target, _settings, result, clock, ReconnectAsync) { ConnectedAddress = connected.Address }.RunAsync(early?.Stream ?? new ProbeTcpStream(tcp.Socket), cancellationToken);
        return result;
    }

    /// <summary>Options that make the probe negotiate what the user's ssh would (host key type order) under our deadlines.</summary>
    internal static ProbeOptions OptionsFor(ProbeTarget target, KnownHostsDatabase knownHosts, IReadOnlyCollection<string> recordedHostKeyTypes) => new()
    {
        Limits = ProbeLimits.Default with { StageTimeout = target.ConnectTimeout },
        Algorithms = AlgorithmPreferences.Default with { HostKey = HostKeyPreference.Order(target, knownHosts, recordedHostKeyTypes) },
    };

    internal static void Count(DiagnoseResult result, SshProbeSession session)
    {
        foreach (var roundTrip in session.RoundTrips)
        {
            result.RoundTrips[roundTrip.Stage] = result.RoundTrips.GetValueOrDefault(roundTrip.Stage) + 1;
        }
    }

    internal static TimeSpan Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp);

    internal static string Describe(IPAddress address, int port) => new IPEndPoint(address, port).ToString();
}
