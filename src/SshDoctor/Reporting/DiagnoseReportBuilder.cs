using System.Globalization;
using SshDoctor.Diagnosis;
using SshDoctor.Localization;
using SshDoctor.Probing;
using SshDoctor.Probing.Auth;
using SshDoctor.Probing.Resolve;
using SshDoctor.Probing.UserSsh;
using SshDoctor.Ssh;

namespace SshDoctor.Reporting;

/// <summary>Turns a probe result (plus anything <c>explain</c> found in the user's own ssh output) into the report contract.</summary>
public static class DiagnoseReportBuilder
{
    public static Report Build(DiagnoseResult result, Language language, IEnumerable<Diagnosis.Diagnosis>? fromSshLog = null)
    {
        var diagnoses = ReportBuilder.Describe(WithRoute(result.AllDiagnoses(fromSshLog), result.Target.Jumps), language);
        // Only possible readings and no failed stage (an unknown host key ssh will ask about) are findings, not a failure.
        var problem = result.Failed || diagnoses.Any(d => !DiagnosisIds.IsHint(d.Id) && d.Certainty != "possible");
        return new Report
        {
            Command = "diagnose",
            Status = problem ? "problem" : "ok",
            Language = language == Language.Japanese ? "ja" : "en",
            Target = new TargetReport
            {
                User = result.Target.User,
                Host = result.Target.HostName,
                Port = result.Target.Port,
                Via = result.Target.Jumps.Select(j => j.ToString()).ToList(),
            },
            Stages = result.Stages.Select(Stage).ToList(),
            Diagnoses = diagnoses,
            Sessions = [.. result.Hops.Select((h, i) => Session(h, $"jump {i + 1} ({h.Hop})")), Session(result, "target")],
        };
    }

    /// <summary>
    /// Each diagnosis learns the jump hosts its host is reached through (value <c>jump</c>), so its printed commands go
    /// the same way: the target through every hop, a hop (value <c>hop</c>) through the hops before it.
    /// </summary>
    private static IEnumerable<Diagnosis.Diagnosis> WithRoute(IEnumerable<Diagnosis.Diagnosis> diagnoses, IReadOnlyList<Destination> jumps) =>
        jumps.Count == 0 ? diagnoses : diagnoses.Select(d => Route(d, jumps) is { Count: > 0 } route && !d.Values.ContainsKey("jump")
            ? d with { Values = new Dictionary<string, string>(d.Values, StringComparer.Ordinal) { ["jump"] = string.Join(',', route) } }
            : d);

    private static IReadOnlyList<Destination> Route(Diagnosis.Diagnosis diagnosis, IReadOnlyList<Destination> jumps)
    {
        var hop = diagnosis.Hop ?? (diagnosis.Values.TryGetValue("hop", out var value) ? value : null);
        if (hop is null)
        {
            return jumps;
        }

        var index = jumps.Select(j => j.ToString()).ToList().IndexOf(hop);
        return index > 0 ? jumps.Take(index).ToList() : [];
    }

    public static StageReport Stage(StageOutcome outcome) => new()
    {
        Stage = outcome.Stage.ToJson(),
        Status = outcome.Status switch
        {
            StageStatus.Ok => "ok",
            StageStatus.Warning => "warning",
            StageStatus.Failed => "failed",
            _ => "skipped",
        },
        ElapsedMs = outcome.Status == StageStatus.Skipped ? null : (long)Math.Round(outcome.Elapsed.TotalMilliseconds),
        Detail = outcome.RoundTrips > 0
            ? $"{outcome.Detail} [{outcome.RoundTrips.ToString(CultureInfo.InvariantCulture)} round trip{(outcome.RoundTrips == 1 ? "" : "s")}]"
            : outcome.Detail,
    };

    private static ClientSessionReport Session(DiagnoseResult result, string role) => new()
    {
        Role = role,
        Host = result.Target.HostName,
        Port = result.Target.Port,
        User = result.Target.User,
        OpenSshVersion = result.Target.ClientVersion?.Text,
        ServerVersion = result.Server?.SoftwareVersion,
        Timeline = result.Stages.Select(Stage).ToList(),
        Keys = result.Keys.Select(k => new KeyAttemptReport
        {
            Identity = k.Key.Identity,
            Type = k.Key.PublicKey.KeyType,
            Fingerprint = k.Key.PublicKey.Fingerprint,
            Result = k.Result switch
            {
                KeyQueryResult.Accepted => "accepted",
                KeyQueryResult.Rejected => "rejected",
                _ => "not-offered",
            },
            Detail = string.Join("; ", new[] { k.Key.Source == KeySource.Agent ? "agent" : null, k.Key.Encrypted ? "passphrase-protected" : null, k.Detail.Length == 0 ? null : k.Detail, $"connection {k.Connection}" }.Where(s => s is not null)),
        }).ToList(),
        MethodsThatCanContinue = RemoteText.Head(result.AllowedMethods),
        HostKey = result.HostKey is null ? null : new HostKeyReport
        {
            Type = result.HostKey.KeyType,
            Fingerprint = result.HostKey.Fingerprint,
            KnownHostsMatch = result.KnownHosts?.Match?.Location,
            Offending = result.KnownHosts?.Offending.Count > 0 ? result.KnownHosts.Offending[0].Location : null,
        },
        AlgorithmOffers = Offers(result),
    };

    private static List<AlgorithmOfferReport> Offers(DiagnoseResult result)
    {
        if (result.ServerKexInit is not { } server)
        {
            return [];
        }

        var client = result.Target.ClientAlgorithms;
        var mismatched = UserClientNegotiation.Mismatches(client, server).Select(m => m.Slot).ToHashSet();
        var negotiated = result.Negotiated;
        return
        [
            Offer("kex", client.Kex, server.KexAlgorithms, mismatched.Contains(AlgorithmSlot.Kex) ? "(no match)" : negotiated?.Kex),
            Offer("hostkey", client.HostKey, server.HostKeyAlgorithms, mismatched.Contains(AlgorithmSlot.HostKey) ? "(no match)" : negotiated?.HostKey),
            Offer("cipher", client.Ciphers, server.CiphersClientToServer, mismatched.Contains(AlgorithmSlot.CipherClientToServer) ? "(no match)" : negotiated?.CipherClientToServer),
            Offer("mac", client.Macs, server.MacsClientToServer, mismatched.Contains(AlgorithmSlot.MacClientToServer) ? "(no match)" : negotiated?.MacClientToServer),
        ];
    }

    private static AlgorithmOfferReport Offer(string slot, IReadOnlyList<string> client, IReadOnlyList<string> server, string? chosen) =>
        new() { Slot = slot, Client = client, Server = RemoteText.Head(server), Chosen = chosen };
}
