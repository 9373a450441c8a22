using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Explain;
using SshDoctor.Localization;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Reporting;

/// <summary>Turns an <see cref="ExplainResult"/> into the report contract.</summary>
public static class ExplainReportBuilder
{
    public static Report Build(ExplainResult result, Language language)
    {
        var target = result.Sessions.FirstOrDefault(s => s.Index == 0 && s.Events.Count > 0);
        var diagnoses = result.Diagnoses.Select(d => ReportBuilder.Describe(WithRoute(d, target?.JumpRoute), language)).ToList();
        return new Report
        {
            Command = "explain",
            Status = ReportBuilder.StatusOf(diagnoses),
            Language = language == Language.Japanese ? "ja" : "en",
            Target = target is null ? null : new TargetReport
            {
                User = target.User,
                Host = target.Host,
                Port = target.Port,
                Via = result.Sessions.Where(s => s.Index > 0 && s.Input == target.Input).Select(s => s.Host ?? s.Role).ToList(),
            },
            Stages = target is null ? [] : Timeline(target, result.Diagnoses),
            Diagnoses = diagnoses,
            Inputs = result.Inputs.Select(i => new InputReport
            {
                Name = i.Input.Name,
                Kind = i.Kind,
                Lines = i.Input.Lines.Count,
                Recognised = i.Events.Count,
                Note = i.Input.Notes.Count == 0 ? null : string.Join("; ", i.Input.Notes),
            }).ToList(),
            Sessions = result.Sessions.Where(s => s.Events.Count > 0).Select(s => Session(s, result.Diagnoses)).ToList(),
        };
    }

    /// <summary>
    /// A diagnosis of the target learns the jump hosts the log shows ssh went through (value <c>jump</c>), so its
    /// printed commands take the same way, as diagnose's do; a jump host's own diagnosis is printed as it was.
    /// </summary>
    private static Diagnosis.Diagnosis WithRoute(Diagnosis.Diagnosis diagnosis, string? route) =>
        route is null || diagnosis.Hop is not null || diagnosis.Values.ContainsKey("hop") || diagnosis.Values.ContainsKey("jump")
            ? diagnosis
            : diagnosis with { Values = new Dictionary<string, string>(diagnosis.Values, StringComparer.Ordinal) { ["jump"] = route } };

    private static ClientSessionReport Session(ClientSession s, IReadOnlyList<Diagnosis.Diagnosis> diagnoses) => new()
    {
        Role = s.Role,
        Host = s.Host,
        Port = s.Port,
        User = s.User,
        OpenSshVersion = s.OpenSshVersion,
        ServerVersion = s.ServerSoftware,
        Timeline = Timeline(s, diagnoses),
        Keys = s.Keys.Where(Worth).Select(k => new KeyAttemptReport
        {
            Identity = k.Identity,
            Type = k.Type,
            Fingerprint = k.Fingerprint,
            Result = ResultName(k.Result),
            Detail = k.Detail == "offered" ? null : k.Detail,
            Where = k.Where,
        }).ToList(),
        MethodsThatCanContinue = s.Methods,
        HostKey = s.HostKeyFingerprint is null && s.OffendingEntry is null ? null : new HostKeyReport
        {
            Type = s.HostKeyType,
            Fingerprint = s.HostKeyFingerprint,
            KnownHostsMatch = s.KnownHostsMatch,
            Offending = s.OffendingEntry,
        },
        AlgorithmOffers = Offers(s),
    };

    /// <summary>Default key files that do not exist are not news: ssh looks for each of them and says so at debug level.</summary>
    private static bool Worth(KeyAttempt k) =>
        !(k.Result == KeyResult.NotOffered && k.Fingerprint is null)
        && !(k.Result == KeyResult.NotLoaded && (k.Detail ?? string.Empty).Contains("No such file", StringComparison.Ordinal) && k.Fingerprint is null);

    /// <summary>Each stage of the pipeline: ok when the log shows it completed, failed at the first diagnosed stage, skipped after.</summary>
    public static IReadOnlyList<StageReport> Timeline(ClientSession s, IReadOnlyList<Diagnosis.Diagnosis> diagnoses)
    {
        var hopName = s.Index == 0 ? null : s.Host is null ? s.Role : $"{s.Role} ({s.Host})";
        var failedStage = diagnoses
            .Where(d => d.Certainty != Certainty.Possible && d.Stage != Stage.Server
                && (d.Id == DiagnosisIds.JumpHopFailed ? s.Index == 0 : d.Hop == hopName))
            .Select(d => (Stage?)d.Stage)
            .FirstOrDefault();
        var stages = new List<StageReport>();
        var failed = false;
        foreach (var stage in StageNames.Pipeline)
        {
            string status;
            string? detail = null;
            if (failed)
            {
                status = "skipped";
            }
            else if (failedStage == stage)
            {
                status = "failed";
                failed = true;
            }
            else if (s.Reached.TryGetValue(stage, out var where))
            {
                status = "ok";
                detail = where;
            }
            else if (stage == Stage.Config || stage == Stage.Dns)
            {
                status = s.Reached.Count > 0 || s.Events.Count > 0 ? "ok" : "skipped";
            }
            else
            {
                status = LaterReached(s, stage) || (failedStage is { } f && (int)stage < (int)f) ? "ok" : "skipped";
            }

            stages.Add(new StageReport { Stage = stage.ToJson(), Status = status, Detail = detail });
        }

        return stages;
    }

    private static bool LaterReached(ClientSession s, Stage stage) =>
        s.Reached.Keys.Any(r => (int)r > (int)stage) || (stage == Stage.Tcp && s.ViaProxy && s.Reached.Count > 0);

    private static List<AlgorithmOfferReport> Offers(ClientSession s)
    {
        var result = new List<AlgorithmOfferReport>();
        foreach (var (slot, field) in (ReadOnlySpan<(string, string)>)[("kex", "KEX algorithms"), ("hostkey", "host key algorithms"), ("cipher", "ciphers ctos"), ("mac", "MACs ctos")])
        {
            s.ClientProposal.TryGetValue(field, out var client);
            s.ServerProposal.TryGetValue(field, out var server);
            var failure = s.Events.FirstOrDefault(e => e.Kind == ClientUnableToNegotiate.Name && SlotOf(e[ClientUnableToNegotiate.What]) == slot);
            server ??= failure?[ClientUnableToNegotiate.Offer];
            if (client is null && server is null)
            {
                continue;
            }

            s.Chosen.TryGetValue(slot, out var chosen);
            result.Add(new AlgorithmOfferReport
            {
                Slot = slot,
                Client = client is null ? [] : ClientSession.SplitList(client),
                Server = server is null ? [] : ClientSession.SplitList(server),
                Chosen = failure is not null ? "(no match)" : chosen,
            });
        }

        return result;
    }

    private static string? SlotOf(string? what) => what switch
    {
        "key exchange method" => "kex",
        "host key type" => "hostkey",
        "cipher" => "cipher",
        "MAC" => "mac",
        _ => null,
    };

    private static string ResultName(KeyResult result) => result switch
    {
        KeyResult.NotOffered => "not-offered",
        KeyResult.Rejected => "rejected",
        KeyResult.Accepted => "accepted",
        KeyResult.Skipped => "skipped",
        KeyResult.NotLoaded => "not-loaded",
        KeyResult.SigningFailed => "signing-failed",
        _ => "unknown",
    };
}
