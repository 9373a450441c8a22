using SshDoctor.Diagnosis;

namespace SshDoctor.Probing;

/// <summary>
/// The platform hints that go with what the probe proved, as <c>explain</c> gives them for a log: a timeout suggests a
/// cloud firewall; refused keys on a git host or a cloud VM suggest the account's keys or the image's default user.
/// </summary>
internal static class ProbeHints
{
    public static IEnumerable<Diagnosis.Diagnosis> For(ProbeTarget target, IReadOnlyList<Diagnosis.Diagnosis> found)
    {
        if (found.FirstOrDefault(d => d.Id == DiagnosisIds.TcpTimeout && d.Hop is null) is { } timeout)
        {
            yield return Diagnosis.Diagnosis.Create(DiagnosisIds.HintCloudFirewall, Certainty.Possible, timeout.Evidence, timeout.Values.Select(v => (v.Key, (string?)v.Value)).ToArray());
        }

        var refused = found.FirstOrDefault(d => d.Hop is null && d.Id is DiagnosisIds.AuthPublicKeyNotAuthorized or DiagnosisIds.AuthWrongUser);
        if (refused is null)
        {
            yield break;
        }

        var names = new[] { target.HostName, target.Alias };
        var evidence = ProbeEvidence.Seen($"the server refused every key offered for {target.User}@{target.HostName}");
        if (names.Any(HostingPlatforms.IsGitHost))
        {
            yield return ProbeEvidence.Create(DiagnosisIds.HintGitHosting, Certainty.Possible, target, null, [evidence], ("host", target.HostName));
        }
        else if (names.Any(HostingPlatforms.IsCloud))
        {
            yield return ProbeEvidence.Create(DiagnosisIds.HintCloudUsername, Certainty.Possible, target, null, [evidence], ("host", target.HostName));
        }
    }
}
