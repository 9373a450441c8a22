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
    private readonly string _text;

    /// <summary>The group names, in the order of <see cref="_spans"/>.</summary>
    private readonly IReadOnlyList<string?> _names;

    /// <summary>Start and length of each group; a start of -1: no match.</summary>
    private readonly int[] _spans;

    public SignatureMatch(MessageSignature signature, string input, Match match)
    {
        Signature = signature;
        _text = input;
        var groups = match.Groups;
        _names = signature.GroupNames;
        _spans = new int[Math.Max(0, groups.Count - 1) * 2];
        for (var i = 1; i < groups.Count; i++)
        {
            var g = groups[i];
            _spans[(i - 1) * 2] = g.Success ? g.Index : -1;
            _spans[((i - 1) * 2) + 1] = g.Length;
        }
    }

    /// <summary>From the slots a <see cref="SignatureReader"/> filled.</summary>
    public SignatureMatch(MessageSignature signature, string input, SignatureReader reader, ReadOnlySpan<int> slots)
    {
        Signature = signature;
        _text = input;
        _names = reader.Groups;
        _spans = new int[_names.Count * 2];
        for (var i = 0; i < _names.Count; i++)
        {
            _spans[i * 2] = slots[i * 3];
            _spans[(i * 2) + 1] = slots[(i * 3) + 1];
        }
    }

    private SignatureMatch(MessageSignature signature, string input, IReadOnlyList<string?> names, int[] spans)
    {
        Signature = signature;
        _text = input;
        this._names = names;
        this._spans = spans;
    }

    public MessageSignature Signature { get; }

    /// <summary>
    /// The same match laid on <paramref name="written"/>, a text of the same length the pattern did not run on (the
    /// message as written, where the pattern ran on its stand-ins for placeholders): each group keeps its place.
    /// </summary>
    internal SignatureMatch On(string written) =>
        written.Length == _text.Length ? new SignatureMatch(Signature, written, _names, _spans) : throw new ArgumentException("a text of another length", nameof(written));

    /// <summary>A group code reads by name: typed (<see cref="EventNames"/>), so a misspelt group does not compile.</summary>
    public string? this[EventField field] => Group(field.Group);

    /// <summary>A group by its name as the pattern spells it: for code that walks every group of a signature.</summary>
    public string? Group(string name)
    {
        for (var i = 0; i < _names.Count; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return _spans[i * 2] < 0 ? null : _text.Substring(_spans[i * 2], _spans[(i * 2) + 1]);
            }
        }

        return null;
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
