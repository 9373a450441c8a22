using System.Buffers;
using System.Text.RegularExpressions;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The shared signature table (<see cref="SignatureTable"/>), arranged for millions of lines: each signature's anchor
/// and the literal its pattern starts with rule a message out before any regex runs, and the signatures are bucketed by
/// the first character they can start with. What it returns is exactly what <see cref="SignatureTable.Match"/> returns
/// (first match in table order); the tests check this on every sample.
/// </summary>
public sealed class FastSignatureMatcher
{
    private const int Buckets = 128;

    private readonly Entry[] entries;
    private readonly int[][] byFirstChar;
    private readonly int[] anyFirstChar;
    private readonly SearchValues<string> floatingAnchors;

    public FastSignatureMatcher(IReadOnlyList<MessageSignature> signatures)
    {
        entries = [.. signatures.Select(s => new Entry(s, PatternPrefix.Of(s.Pattern)))];
        var floating = entries.Select((e, i) => (e, i)).Where(x => x.e.Prefix.Length == 0).ToList();
        floatingAnchors = SearchValues.Create([.. floating.Select(x => x.e.Signature.Anchor).Distinct()], StringComparison.Ordinal);
        anyFirstChar = [.. floating.Select(x => x.i)];
        byFirstChar = new int[Buckets][];
        for (var c = 0; c < Buckets; c++)
        {
            byFirstChar[c] = [.. entries.Select((e, i) => (e, i)).Where(x => x.e.Prefix.Length == 0 || x.e.Prefix[0] == c).Select(x => x.i)];
        }
    }

    /// <summary>The server half of the shared table.</summary>
    public static FastSignatureMatcher Server { get; } = new(SignatureTable.Server);

    /// <summary>Quick test: could any signature match? False means no regex would, and no string need be made.</summary>
    public bool MayMatch(ReadOnlySpan<char> message)
    {
        if (message.IsEmpty)
        {
            return false;
        }

        if (message.IndexOfAny(floatingAnchors) >= 0)
        {
            return true;
        }

        var first = message[0];
        if (first >= Buckets)
        {
            return false;
        }

        foreach (var i in byFirstChar[first])
        {
            var prefix = entries[i].Prefix;
            if (prefix.Length > 0 && message.StartsWith(prefix, StringComparison.Ordinal) && message.Contains(entries[i].Signature.Anchor, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>First signature (in table order) whose anchor, prefix and pattern fit the message.</summary>
    public SignatureMatch? Match(string message)
    {
        if (message.Length == 0)
        {
            return null;
        }

        var hasFloating = message.AsSpan().IndexOfAny(floatingAnchors) >= 0;
        var candidates = message[0] < Buckets ? byFirstChar[message[0]] : anyFirstChar;
        foreach (var i in candidates)
        {
            var entry = entries[i];
            if (entry.Prefix.Length == 0)
            {
                if (!hasFloating)
                {
                    continue;
                }
            }
            else if (!message.StartsWith(entry.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!message.Contains(entry.Signature.Anchor, StringComparison.Ordinal))
            {
                continue;
            }

            Match m;
            try
            {
                m = entry.Regex.Value!.Current.Match(message);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (m.Success)
            {
                return new SignatureMatch(entry.Signature, message, m);
            }
        }

        return null;
    }

    private sealed class Entry(MessageSignature signature, string prefix)
    {
        public MessageSignature Signature { get; } = signature;

        public string Prefix { get; } = prefix;

        /// <summary>
        /// One per thread: a <see cref="System.Text.RegularExpressions.Regex"/> caches a single runner, so threads sharing
        /// one keep building new runners (allocations, page faults), which made two cores slower than one.
        /// </summary>
        public ThreadLocal<AdaptiveRegex> Regex { get; } = new(() => new AdaptiveRegex(signature.Pattern));
    }
}
