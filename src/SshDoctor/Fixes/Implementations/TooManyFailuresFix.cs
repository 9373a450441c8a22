using SshDoctor.Diagnosis;
using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes.Implementations;

/// <summary>
/// auth.too-many-failures: <c>IdentityFile KEY</c> and <c>IdentitiesOnly yes</c> for the host, where KEY is the key the
/// probe saw the server accept, or the one the user named with -i; never a guess.
/// </summary>
internal sealed class TooManyFailuresFix : ConfigBlockFix
{
    public override string Id => DiagnosisIds.AuthTooManyFailures;

    public override string? Sketch(IReadOnlyDictionary<string, string> values) => null;

    protected override (IReadOnlyList<(string Keyword, string Value)>? Options, string? Comment, string? Warning, string? Refusal) Options(Diagnosis.Diagnosis diagnosis, FixContext context)
    {
        var key = diagnosis.Get("accepted_key") ?? (context.IdentityFiles.Count > 0 ? context.IdentityFiles[0] : null);
        if (key is null)
        {
            return (null, null, null, diagnosis.Get("agent_key") is { } agent
                ? $"the key the server accepts is only in the agent ({agent}): name its file with -i"
                : "no key is known to be accepted by the server: name the right one with -i");
        }

        if (!key.StartsWith('/') || !FixFiles.Stat(key).IsRegular)
        {
            return (null, null, null, $"{key} is not a key file here: name the right one with -i");
        }

        return ([("IdentityFile", key), ("IdentitiesOnly", "yes")], null, null, null);
    }
}
