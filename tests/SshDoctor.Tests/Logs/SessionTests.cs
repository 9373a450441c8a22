using System.Text;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>A session slot is reused for connection after connection: a reset one tells only its new story.</summary>
public sealed class SessionTests
{
    [Theory]
    [InlineData(new[] { "a", "b", "c", "d", "e" }, new[] { "x", "y", "z" })]
    [InlineData(new[] { "a", "b", "c" }, new[] { "x" })]
    [InlineData(new[] { "a" }, new[] { "x", "y", "z", "w" })]
    [InlineData(new[] { "a", "b", "c", "d" }, new[] { "x", "x", "y", "z" })]
    public void A_reset_session_tells_only_the_steps_added_since(string[] before, string[] after)
    {
        var session = default(Session);
        foreach (var kind in before)
        {
            session.Add(new SshLine { Kind = kind, DiagnosisId = "id" });
        }

        session.Reset();
        foreach (var kind in after)
        {
            session.Add(new SshLine { Kind = kind });
        }

        var story = new StringBuilder();
        session.WriteStory(story);
        var expected = string.Join(" → ", after.Distinct().Select(k => after.Count(a => a == k) > 1 ? $"{k} ×{after.Count(a => a == k)}" : k));
        Assert.Equal(expected, story.ToString());
        Assert.Equal(0, session.Failures);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a a a")]
    [InlineData("a b")]
    [InlineData("a b b a a a c")]
    [InlineData("a b c d e f g h i j k l")]
    [InlineData("a b c d e f g h i j k l l l m n l l a")]
    [InlineData("a a b c d e f g h i j k k l m m n o p q r s t u v")]
    public void A_story_folds_repeats_and_keeps_at_most_its_first_steps_with_the_last_one_counting_on(string kinds)
    {
        var session = default(Session);
        var expected = new List<(string Id, int Times)>();
        foreach (var kind in kinds.Split(' '))
        {
            session.Add(new SshLine { Kind = kind });
            if (expected.Count > 0 && expected[^1].Id == kind)
            {
                expected[^1] = (kind, expected[^1].Times + 1);
            }
            else if (expected.Count < Session.MaxSteps)
            {
                expected.Add((kind, 1));
            }
        }

        var story = new StringBuilder();
        session.WriteStory(story);
        Assert.Equal(string.Join(" → ", expected.Select(s => s.Times > 1 ? $"{s.Id} ×{s.Times}" : s.Id)), story.ToString());
        Assert.Equal(expected.Count, session.StepCount);
        Assert.Equal(expected is [(var only, 1)] ? only : null, session.SingleLine);
    }

    [Theory]
    [InlineData("sshd.connection-from", true)]
    [InlineData("sshd.failed-password", false)]
    [InlineData("sshd.connection-frum", false)]
    [InlineData("xshd.connection-from", false)]
    [InlineData("sshd.connection-fro", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_connection_is_told_by_its_kind_as_by_the_name_compared_whole(string? kind, bool expected)
    {
        // The tracker tests the length and last character first; the result must be the whole comparison's, for a copy too.
        Assert.Equal(SessionTracker.ConnectionFromLength, SshDoctor.Logs.Signatures.EventNames.SshdConnectionFrom.Name.Length);
        Assert.Equal(expected, SessionTracker.IsConnectionFrom(kind));
        Assert.Equal(expected, SessionTracker.IsConnectionFrom(kind is null ? null : new string(kind.AsSpan())));
        Assert.Equal(kind == SshDoctor.Logs.Signatures.EventNames.SshdConnectionFrom.Name, expected);
    }
}
