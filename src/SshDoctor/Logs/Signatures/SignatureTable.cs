using System.Text.RegularExpressions;

namespace SshDoctor.Logs.Signatures;

/// <summary>A message recognised by a signature, with the named groups it captured.</summary>
/// <remarks>
/// Keeps where each group matched, not the <see cref="Match"/>: explain holds one of these per line of a 500,000-line
/// input, and a match with its group objects is several times larger.
/// </remarks>
public sealed class SignatureMatch
{
    /// <summary>The message the pattern ran on: the groups are parts of it.</summary>
    private readonly string text;

    /// <summary>Start and length of each group by number (group 0, the whole match, left out); a start of -1: no match.</summary>
    private readonly int[] spans;

    public SignatureMatch(MessageSignature signature, string input, Match match)
    {
        Signature = signature;
        text = input;
        var groups = match.Groups;
        spans = new int[Math.Max(0, groups.Count - 1) * 2];
        for (var i = 1; i < groups.Count; i++)
        {
            var g = groups[i];
            spans[(i - 1) * 2] = g.Success ? g.Index : -1;
            spans[((i - 1) * 2) + 1] = g.Length;
        }
    }

    public MessageSignature Signature { get; }

    public string? this[string group]
    {
        get
        {
            var number = Signature.GroupNumber(group);
            if (number < 1 || number * 2 > spans.Length || spans[(number - 1) * 2] < 0)
            {
                return null;
            }

            return text.Substring(spans[(number - 1) * 2], spans[((number - 1) * 2) + 1]);
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
                return new SignatureMatch(signature, message, m);
            }
        }

        return null;
    }
}
