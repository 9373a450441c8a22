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
}
