namespace SshDoctor.Fixes.Planning;

/// <summary>
/// Whether a planned host key fix may be applied: never by --yes alone. It needs the key the probe verified and either
/// --expect-fingerprint equal to it, or the user typing <c>yes</c> after seeing both fingerprints on a terminal.
/// </summary>
public static class HostKeyGate
{
    public enum Decision
    {
        /// <summary>--expect-fingerprint matched the verified key.</summary>
        Accepted,

        /// <summary>The user must type yes (on a terminal).</summary>
        Ask,

        /// <summary>Not applied; the reason comes with it.</summary>
        Refused,
    }

    public static (Decision Decision, string? Why) Decide(HostKeyConfirmation confirmation, string? expectFingerprint, bool canAsk)
    {
        if (expectFingerprint is not null)
        {
            if (!confirmation.Verified)
            {
                return (Decision.Refused, $"--expect-fingerprint needs a key the probe verified; {confirmation.Host}'s key was not verified here");
            }

            return string.Equals(Normalise(expectFingerprint), Normalise(confirmation.Presented), StringComparison.Ordinal)
                ? (Decision.Accepted, null)
                : (Decision.Refused, $"the server presents {confirmation.Presented}, not {expectFingerprint}: nothing was changed for {confirmation.Host}");
        }

        return canAsk
            ? (Decision.Ask, null)
            : (Decision.Refused, $"a host key is only trusted after you type yes on a terminal, or with --expect-fingerprint {confirmation.Presented} once you confirmed it on the server's console");
    }

    /// <summary>The typed answer that accepts: exactly yes (as ssh asks), nothing shorter.</summary>
    public static bool IsYes(string? answer) => answer?.Trim() == "yes";

    /// <summary>SHA256:… with or without the prefix, trailing '=' ignored (ssh prints none).</summary>
    private static string Normalise(string fingerprint)
    {
        var text = fingerprint.Trim();
        if (text.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..];
        }

        return text.TrimEnd('=');
    }
}
