using SshDoctor.Config;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// <c>FILE: line N: Bad configuration option: X</c> is written by ssh for ssh_config and by sshd for sshd_config in the
/// same words: the file name (and which side wrote it) tells them apart. Names the nearest valid keyword.
/// </summary>
public sealed class ConfigRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [ConfigBadOption, ServerConfigInvalid];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        var lines = evidence.ClientEvents.Concat(evidence.ServerEvents)
            .Where(e => e.DiagnosisId is ConfigBadOption or ServerConfigInvalid)
            .ToList();
        var badValue = evidence.ClientEvents.Any(e => e.DiagnosisId == ConfigBadValue);
        foreach (var group in lines.GroupBy(e => IsServerConfig(e) ? ServerConfigInvalid : ConfigBadOption))
        {
            if (group.Key == ConfigBadOption && badValue && group.All(e => e[AnyEvent.Option] is null))
            {
                // "terminating, N bad configuration options" counts bad values too: those are config.bad-value's.
                continue;
            }

            var first = group.FirstOrDefault(e => e[AnyEvent.Option] is not null) ?? group.First();
            var option = first[AnyEvent.Option];
            var nearest = option is null
                ? null
                : group.Key == ConfigBadOption ? Keywords.Nearest(option, Keywords.Client) : Keywords.Nearest(option, Keywords.Server);
            yield return Diagnosis.Create(group.Key, Certainty.Proven, EvidenceOf.Lines(group), [.. EvidenceOf.Values(first, ("suggestion", nearest))]);
        }
    }

    private static bool IsServerConfig(LogEvent e) =>
        e.DiagnosisId == ServerConfigInvalid
        || (e[AnyEvent.File] is { } file && file.Contains("sshd_config", StringComparison.Ordinal));
}
