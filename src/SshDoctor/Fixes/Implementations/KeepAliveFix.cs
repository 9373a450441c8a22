using SshDoctor.Diagnosis;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes.Implementations;

/// <summary>session.broken-pipe: <c>ServerAliveInterval 30</c> and <c>ServerAliveCountMax 3</c> for the host.</summary>
internal sealed class KeepAliveFix : ConfigBlockFix
{
    public override string Id => DiagnosisIds.SessionBrokenPipe;

    public override string? Sketch(IReadOnlyDictionary<string, string> values) => null;

    // The probe's short login cannot make a session break later; explain reads it from the user's ssh output.
    public override bool PlannedWhenNamed => true;

    protected override (IReadOnlyList<(string Keyword, string Value)>? Options, string? Comment, string? Warning, string? Refusal) Options(Diagnosis.Diagnosis diagnosis, FixContext context) =>
        ([("ServerAliveInterval", "30"), ("ServerAliveCountMax", "3")], null, null, null);
}
