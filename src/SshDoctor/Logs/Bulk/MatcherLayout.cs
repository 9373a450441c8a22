namespace SshDoctor.Logs.Bulk;

/// <summary>
/// How <see cref="FastSignatureMatcher"/> dispatches one signature table, worked out from the patterns ahead of time:
/// <c>MatcherLayouts.g.cs</c> is written from the tables by <c>tests/SshDoctor.Tests/Conventions/MatcherLayoutGenerator.cs</c>
/// (a test fails while it is stale), so a run reads these arrays instead of parsing every pattern at start.
/// </summary>
internal sealed class MatcherLayout
{
    /// <summary>Each signature's dispatch, in table order.</summary>
    public required SignatureDispatch[] Signatures { get; init; }

    /// <summary>The anchors the one anchor pass finds (<see cref="AnchorSet"/>), numbered by their place.</summary>
    public required string[] PassAnchors { get; init; }

    /// <summary>Where each pass anchor's run of hashed windows starts (the run rarest in the table's patterns).</summary>
    public required int[] PassRunStarts { get; init; }

    /// <summary>The candidates of a message by its first characters.</summary>
    public required CandidateTrie Trie { get; init; }
}

/// <summary>What the matcher needs of one signature beside its pattern and reader.</summary>
/// <param name="Floating">The pattern may start with any character: a candidate of every message.</param>
/// <param name="PassNumber">The anchor's bit in the anchor pass' answer, or -1 when it needs its own search.</param>
/// <param name="Rarest">The anchor's character least often in the table's patterns: searched for before the anchor.</param>
/// <param name="AnchorInPrefix">The literal start holds the anchor: the walk to the signature has already found it.</param>
internal readonly record struct SignatureDispatch(bool Floating, int PassNumber, char Rarest, bool AnchorInPrefix)
{
    /// <summary>A floating signature the anchor pass answers for: visited only when the pass found its anchor.</summary>
    public bool Marked => Floating && PassNumber >= 0;
}
