using System.Text.RegularExpressions;

namespace SshDoctor.Logs.Signatures;

/// <summary>A message recognised by a signature, with the named groups it captured.</summary>
public sealed class SignatureMatch(MessageSignature signature, Match match)
{
    public MessageSignature Signature { get; } = signature;

    public string? this[string group]
    {
        get
        {
            var g = match.Groups[group];
            return g.Success ? g.Value : null;
        }
    }
}

/// <summary>
/// The one table of message signatures shared by <c>explain</c> and <c>logs</c>. First match wins, so more
/// specific shapes come before general ones within each side's list.
/// </summary>
public static class SignatureTable
{
    public static IReadOnlyList<MessageSignature> Client => ClientSignatures.All;

    public static IReadOnlyList<MessageSignature> Server => ServerSignatures.All;

    public static IEnumerable<MessageSignature> All => Client.Concat(Server);

    public static SignatureMatch? Match(string message, LogSide side)
    {
        foreach (var signature in side == LogSide.Client ? Client : Server)
        {
            if (!message.Contains(signature.Anchor, StringComparison.Ordinal))
            {
                continue;
            }

            Match m;
            try
            {
                m = signature.Regex.Match(message);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (m.Success)
            {
                return new SignatureMatch(signature, m);
            }
        }

        return null;
    }
}
