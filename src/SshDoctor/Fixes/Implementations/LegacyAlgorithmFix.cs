using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes.Implementations;

/// <summary>
/// kex.no-common-*: for that host only, the one algorithm the server offers re-enabled with <c>+ALG</c>
/// (the slot's option, <see cref="AlgorithmSlots"/>), with a comment line saying it is a legacy algorithm.
/// </summary>
internal sealed class LegacyAlgorithmFix(string id) : ConfigBlockFix
{
    public override string Id { get; } = id;

    public override string? Sketch(IReadOnlyDictionary<string, string> values) => null;

    protected override (IReadOnlyList<(string Keyword, string Value)>? Options, string? Comment, string? Warning, string? Refusal) Options(Diagnosis.Diagnosis diagnosis, FixContext context)
    {
        var algorithm = diagnosis.Get("algorithm");
        var offer = diagnosis.Get("offer")?.Split(',', StringSplitOptions.TrimEntries) ?? [];
        if (algorithm is null || algorithm.Contains(',', StringComparison.Ordinal) || !offer.Contains(algorithm, StringComparer.Ordinal)
            || !algorithm.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '@' or '_'))
        {
            return (null, null, null, "the server's offer does not name one algorithm your ssh could enable");
        }

        var host = diagnosis.Get("host");
        return ([(AlgorithmSlots.OptionFor(Id), "+" + algorithm)],
            $"ssh-doctor: {algorithm} is a legacy algorithm, enabled for {host} only; upgrade that server",
            $"{algorithm} is a legacy algorithm: it is enabled for {host} only; the real fix is to upgrade the server's SSH software",
            null);
    }
}
