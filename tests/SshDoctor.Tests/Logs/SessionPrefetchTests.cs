using System.Text;
using SshDoctor.Logs.Bulk;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// The pipeline ties a line to its connection by the key <see cref="SessionTracker.Prefetch"/> made for its run: that
/// must give every line and every story what looking its source up again for each line gives.
/// </summary>
public sealed class SessionPrefetchTests
{
    [Fact]
    public void Lines_tied_by_their_prefetched_keys_get_what_lines_tied_one_by_one_get()
    {
        var random = new Random(5);
        string?[] hosts = ["web", "db", null, .. Enumerable.Range(0, 300).Select(i => $"h{i}")];
        string[] files = ["a.log", "b.log"];
        string[] kinds = [SshdConnectionFrom.Name, "sshd.failed-password", "sshd.invalid-user", "sshd.disconnected"];
        var lines = new SshLine[20_000];
        for (var i = 0; i < lines.Length; i++)
        {
            var kind = kinds[random.Next(kinds.Length)];
            lines[i] = new SshLine
            {
                Host = hosts[random.Next(random.Next(2) == 0 ? 3 : hosts.Length)],
                Process = random.Next(20) == 0 ? "fail2ban.actions" : "sshd",
                Pid = random.Next(15) == 0 ? null : random.Next(1, 400),
                Kind = random.Next(25) == 0 ? null : kind,
                DiagnosisId = kind == "sshd.failed-password" ? "auth.password" : null,
                Ip = random.Next(3) == 0 ? $"10.0.0.{random.Next(50)}" : null,
                Port = random.Next(3) == 0 ? random.Next(1024, 65536) : null,
                User = random.Next(3) == 0 ? $"u{random.Next(20)}" : null,
            };
        }

        var (oneByOne, oneByOneStories) = Tie(lines, files, prefetched: false);
        var (prefetched, prefetchedStories) = Tie(lines, files, prefetched: true);
        Assert.Equal(oneByOne.Select(l => (l.Ip, l.Port, l.User)), prefetched.Select(l => (l.Ip, l.Port, l.User)));
        Assert.Equal(oneByOneStories, prefetchedStories);
        Assert.Contains(oneByOne, l => l.Ip is not null);
    }

    private static (SshLine[] Lines, List<string> Stories) Tie(SshLine[] given, string[] files, bool prefetched)
    {
        var lines = (SshLine[])given.Clone();
        var stories = new List<string>();
        var tracker = new SessionTracker(capacity: 64);
        tracker.Finished += (in Session session) =>
        {
            var story = new StringBuilder();
            session.WriteStory(story);
            stories.Add($"{session.Ip} {session.User} {story}");
        };

        // Runs of every length up to the pipeline's 32 and past it, each from one file.
        var random = new Random(9);
        for (var start = 0; start < lines.Length;)
        {
            var run = lines.AsSpan(start, Math.Min(random.Next(1, 40), lines.Length - start));
            var file = files[random.Next(files.Length)];
            if (prefetched)
            {
                tracker.Prefetch(run, file);
            }

            for (var i = 0; i < run.Length; i++)
            {
                if (prefetched)
                {
                    tracker.ObservePrefetched(ref run[i], i);
                }
                else
                {
                    tracker.Observe(ref run[i], file);
                }
            }

            start += run.Length;
        }

        tracker.Complete();
        return (lines, stories);
    }
}
