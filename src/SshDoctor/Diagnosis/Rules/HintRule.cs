using SshDoctor.Diagnosis.Observations;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>Platform hints that go with an auth failure: the default user of cloud images, git hosting accounts.</summary>
public sealed class HintRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [HintCloudUsername, HintGitHosting];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        if (evidence.Sessions.Count == 0 || evidence.Sessions.All(s => !s.Has(ClientPermissionDenied.Name)))
        {
            // Only the server's log: an unknown user name is often a cloud image's default user tried on the wrong image.
            var invalid = evidence.ServerEvents.FirstOrDefault(e => e.DiagnosisId == AuthWrongUser && !evidence.ConnectionSucceeded(e));
            if (invalid is not null)
            {
                yield return Diagnosis.Create(HintCloudUsername, Certainty.Possible, [EvidenceOf.Line(invalid)], EvidenceOf.Values(invalid));
            }
        }

        foreach (var session in evidence.Sessions)
        {
            var denied = session.Last(ClientPermissionDenied.Name);
            if (denied is null || session.Authenticated)
            {
                continue;
            }

            var host = (session.Host ?? denied[ClientPermissionDenied.Host] ?? string.Empty).ToLowerInvariant();
            var user = session.User ?? denied[ClientPermissionDenied.User];
            if (HostingPlatforms.GitHostOf(host) is { } git && session.Methods is var methods && (methods.Count == 0 || methods.Contains("publickey")))
            {
                // Keys refused by a git host: the key is not registered in the account (the likely cause, first, with its fixes).
                var key = session.Keys.LastOrDefault(k => k.Result == KeyResult.Rejected)?.Identity ?? session.Keys.FirstOrDefault(k => k.Fingerprint is not null)?.Identity;
                yield return Diagnosis.Create(HintGitHosting, Certainty.Likely, [EvidenceOf.Line(denied)], ("host", host), ("user", user), ("settings", git.KeySettings), ("key", key)) with
                {
                    Alternatives = [AuthPublicKeyNotAuthorized],
                };
            }
            else if (HostingPlatforms.IsCloud(host) || evidence.ServerEvents.Any(e => e.DiagnosisId == AuthWrongUser))
            {
                yield return Diagnosis.Create(HintCloudUsername, Certainty.Possible, [EvidenceOf.Line(denied)], ("host", host), ("user", user));
            }
        }

        // The probe: every key refused for the target on a git host or a cloud VM (by the name connected to, or as typed).
        foreach (var refused in evidence.Observed<KeysQueried>().Where(q => q.Hop is null && q.NoKeyAccepted))
        {
            string[] names = [refused.Subject.HostName, refused.Subject.Alias];
            var git = names.Select(HostingPlatforms.GitHostOf).FirstOrDefault(g => g is not null);
            var hint = git is not null ? HintGitHosting : names.Any(HostingPlatforms.IsCloud) ? HintCloudUsername : null;
            if (hint is not null)
            {
                yield return refused.Diagnose(hint, git is not null ? Certainty.Likely : Certainty.Possible,
                    [Observation.Seen($"the server refused every key offered for {refused.Subject.User}@{refused.Subject.HostName}")], ("host", refused.Subject.HostName), ("settings", git?.KeySettings)) with
                {
                    Alternatives = git is not null ? [AuthPublicKeyNotAuthorized] : [],
                };
            }
        }
    }
}
