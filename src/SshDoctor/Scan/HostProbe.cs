using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SshDoctor.Localization;
using SshDoctor.Probing;
using SshDoctor.Probing.Connect;
using SshDoctor.Probing.Resolve;
using SshDoctor.Reporting;
using SshDoctor.Scan.Inventory;

namespace SshDoctor.Scan;

/// <summary>
/// One host of a scan through diagnose's own entry points — <see cref="TargetResolver"/> (ssh -G), <see cref="Prober"/>
/// with <see cref="DiagnoseRequest.MethodsOnly"/>, <see cref="DiagnoseReportBuilder"/> — so a host's failure is the id
/// diagnose reports. This is the only file of the scan that calls into Probing/.
/// </summary>
internal sealed class HostProbe(ScanSettings settings, ProbeEnvironment environment, PolitenessGate gate, SemaphoreSlim resolving, Language language, JumpCarriers jumps)
{
    /// <summary>The outcome of a host whose probe did not end within the per-host deadline.</summary>
    public const string DeadlineOutcome = "deadline";

    /// <summary>
    /// One host: diagnose's report, the history's snapshot, the time taken and the TCP connections opened to the host
    /// (the probe's; with --all-host-keys also one per host key type its connection could not give by re-exchange).
    /// <paramref name="previous"/> is the history's last record of the host: the key types it holds are offered right
    /// after known_hosts' ones, so the one key negotiated is one the history can compare.
    /// </summary>
    public async Task<(Report Report, HostSnapshot Snapshot, TimeSpan Elapsed, int Connections)> RunAsync(InventoryEntry entry, HostSnapshot? previous, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // Never a login: without --keys the auth stage stops at the methods; with it, keys are queried, never signed with.
        var request = settings.Template with { Destination = entry.Destination, MethodsOnly = !settings.Keys, Login = false, WithSsh = false };
        var destination = Destination.Parse(entry.Destination);
        var hostId = HostId(destination);
        // Not running while the host waits its turn on a jump host shared with other targets (JumpCarriers).
        using var deadline = new HostDeadline(settings.PerHostTimeout, cancellationToken);
        ProbeTarget? target = null;
        IReadOnlyList<IPAddress> addresses = [];
        try
        {
            await resolving.WaitAsync(deadline.Token);
            try
            {
                target = await TargetResolver.ResolveAsync(request, environment, deadline.Token);
            }
            finally
            {
                resolving.Release();
            }

            addresses = await AddressesAsync(target, deadline.Token);
            var network = target.Jumps.Count > 0 ? "via " + target.Jumps[0]
                : target.ProxyCommand is not null ? "proxy " + target.ProxyCommand
                : addresses.Count > 0 ? PolitenessGate.NetworkOf(addresses[0])
                : "unresolved";
            var host = addresses.Count > 0 && target.Jumps.Count == 0 && target.ProxyCommand is null ? addresses[0].ToString() : target.HostName.ToLowerInvariant();
            DiagnoseResult result;
            var hostKeys = new List<RecordedHostKey>();
            var others = settings.AllHostKeys ? new OtherHostKeys() : null;
            var probeSettings = ProbeSettings.For(request) with
            {
                EveryKey = settings.Keys,
                SharedJumps = jumps,
                Deadline = deadline,
                Clock = settings.Clock,
                RecordedHostKeyTypes = RecordedTypes(previous),
                // --all-host-keys: the other key types by re-exchange on the probe's own connection, its last step before it closes.
                OnLastSession = others is null ? null : others.ReexchangeAsync,
            };
            // Behind a jump host the gate's per-network limit is the jump host's: a queue like the jump's own, off the clock too.
            var entering = () => gate.EnterAsync(host, network, deadline.Token);
            using (await (target.Jumps.Count > 0 ? deadline.WithoutTheClockAsync(entering) : entering()))
            {
                result = await new Prober(target, probeSettings).RunAsync(deadline.Token);
                if (result.HostKey is { } negotiated)
                {
                    hostKeys.Add(new RecordedHostKey(negotiated.KeyType, negotiated.Fingerprint, negotiated.ToBase64()));
                    // What the re-exchange did not give, still inside the gate (one connection to the host at a time);
                    // direct targets only: through a jump host each would be another session on the jump host.
                    if (others is not null && addresses.Count > 0 && result.ServerKexInit is { } kex)
                    {
                        await others.FallbackAsync(addresses[0], target.Port, kex.HostKeyAlgorithms, negotiated.KeyType, request.Timeout ?? target.ConnectTimeout, deadline.Token);
                    }

                    hostKeys.AddRange(others?.Keys.Where(k => k.Type != negotiated.KeyType) ?? []);
                }
            }

            var report = DiagnoseReportBuilder.Build(result, language);
            var snapshot = Snapshot(hostId, entry, result, report, addresses, settings.Clock.GetUtcNow()) with { HostKeys = hostKeys.OrderBy(k => k.Type, StringComparer.Ordinal).ToList() };
            return (report, snapshot, Stopwatch.GetElapsedTime(started), result.Connections + (others?.Connections ?? 0));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var report = new Report
            {
                Command = "scan",
                Status = "problem",
                Language = language == Language.Japanese ? "ja" : "en",
                Target = new TargetReport { User = target?.User ?? destination.User, Host = target?.HostName ?? destination.Host, Port = target?.Port ?? destination.Port },
                Stages = [new StageReport { Stage = "scan", Status = "failed", ElapsedMs = (long)elapsed.TotalMilliseconds, Detail = $"the probe did not end within the per-host deadline of {settings.PerHostTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s" }],
            };
            var snapshot = new HostSnapshot { HostId = hostId, Destination = entry.Destination, ScannedAt = settings.Clock.GetUtcNow(), Outcome = DeadlineOutcome, Addresses = addresses.Select(a => a.ToString()).ToList() };
            return (report, snapshot, elapsed, 0);
        }
    }

    /// <summary>The key types the history recorded for the host: every type it kept a key of, and the last one negotiated.</summary>
    public static IReadOnlyCollection<string> RecordedTypes(HostSnapshot? previous) =>
        previous is null ? [] : previous.HostKeys.Select(k => k.Type).Append(previous.HostKeyType).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>The host as the history knows it: the destination's host, lower case, and the port asked for (22 when none).</summary>
    public static string HostId(Destination destination) =>
        $"{destination.Host.ToLowerInvariant()}:{(destination.Port ?? 22).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The outcome of a report: ok when diagnose says so (its findings, such as an unknown host key ssh would ask
    /// about, are not a host's failure), else the first diagnosis id that is not a hint, else the first failed stage.
    /// </summary>
    public static string Outcome(Report report) =>
        (report.Status == "ok" ? null : report.Diagnoses.FirstOrDefault(d => !Diagnosis.DiagnosisIds.IsHint(d.Id))?.Id)
        ?? (report.Status == "ok" ? "ok" : report.Stages.FirstOrDefault(s => s.Status == "failed") is { } failed ? failed.Stage + ".failed" : "ok");

    private static HostSnapshot Snapshot(string hostId, InventoryEntry entry, DiagnoseResult result, Report report, IReadOnlyList<IPAddress> addresses, DateTimeOffset scannedAt)
    {
        var kex = result.ServerKexInit;
        return new HostSnapshot
        {
            HostId = hostId,
            Destination = entry.Destination,
            ScannedAt = scannedAt,
            Outcome = Outcome(report),
            Addresses = addresses.Select(a => a.ToString()).ToList(),
            Banner = result.Server is { } server ? Ssh.RemoteText.Cut(server.Line, 256) : null,
            Kex = kex?.KexAlgorithms ?? [],
            HostKeyAlgorithms = kex?.HostKeyAlgorithms ?? [],
            Ciphers = kex?.CiphersClientToServer ?? [],
            Macs = kex?.MacsClientToServer ?? [],
            HostKeyType = result.HostKey?.KeyType,
            HostKeyFingerprint = result.HostKey?.Fingerprint,
            HostKey = result.HostKey?.ToBase64(),
            KnownHosts = result.KnownHosts?.Status.ToString().ToLowerInvariant(),
            Keys = result.Keys.Select(UserKeyAnswer.Of).ToList(),
        };
    }

    /// <summary>
    /// The addresses of a direct target (an address literal as it is), for the per-network limit and the history's
    /// address comparison; none through a jump host or a ProxyCommand (they resolve the name), none when the lookup fails
    /// (the probe then reports the failure as diagnose does).
    /// </summary>
    private static async Task<IReadOnlyList<IPAddress>> AddressesAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        if (target.Jumps.Count > 0 || target.ProxyCommand is not null || target.ConfigFatal)
        {
            return [];
        }

        if (IPAddress.TryParse(target.HostName, out var literal))
        {
            return [literal];
        }

        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lookup.CancelAfter(target.ConnectTimeout);
        try
        {
            var family = target.AddressFamily switch { "inet" => AddressFamily.InterNetwork, "inet6" => AddressFamily.InterNetworkV6, _ => AddressFamily.Unspecified };
            return (await Dns.GetHostAddressesAsync(target.HostName, family, lookup.Token)).Order(AddressOrder.Instance).ToList();
        }
        catch (Exception e) when (e is SocketException or ArgumentException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return [];
        }
    }

    /// <summary>Addresses in a stable order, so the same set compares equal between scans.</summary>
    private sealed class AddressOrder : IComparer<IPAddress>
    {
        public static readonly AddressOrder Instance = new();

        public int Compare(IPAddress? x, IPAddress? y) => string.CompareOrdinal(x?.ToString(), y?.ToString());
    }
}
