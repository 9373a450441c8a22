using System.Threading.Channels;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// <c>--follow</c>: a file appended to, then rotated (renamed, a new one created) and truncated, by the test. Each step
/// waits for the follower to report the lines before it (a generous upper bound, no sleeps), so the order of events is
/// the test's, not the scheduler's.
/// </summary>
public class FollowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Appended_rotated_and_truncated_lines_are_all_seen_once_in_order()
    {
        using var dir = new LogsTestSupport.TempDir();
        var path = dir.File("auth.log");
        File.WriteAllText(path, Line(1, "alice"));
        var seen = Channel.CreateUnbounded<int?>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var follower = Task.Run(() => new FileFollower(path, TimeSpan.FromMilliseconds(20)).Run(r => seen.Writer.TryWrite(r.Port), cancel.Token), TestContext.Current.CancellationToken);

        Assert.Equal(1, await Next());

        // A line written in two parts: the first part is held until its end arrives.
        File.AppendAllText(path, Line(2, "alice") + "Jan  1 00:00:00 h sshd[1]: Failed password for alice from 192.0.2.1 port ");
        Assert.Equal(2, await Next());
        File.AppendAllText(path, "3 ssh2\n");
        Assert.Equal(3, await Next());

        // Rotation: the rest of the old file first, then the new file from its start.
        File.AppendAllText(path, Line(4, "alice"));
        File.Move(path, path + ".1");
        File.WriteAllText(path, Line(5, "alice"));
        Assert.Equal(4, await Next());
        Assert.Equal(5, await Next());

        // copytruncate: the file is cut to nothing and written again. Truncation is seen as the file being shorter than
        // what was read, so the new line is shorter than the old content: whenever the follower looks, it starts over.
        File.WriteAllText(path, string.Empty);
        File.AppendAllText(path, Line(6, "al"));
        Assert.Equal(6, await Next());

        await cancel.CancelAsync();
        await follower.WaitAsync(Patience, TestContext.Current.CancellationToken);
        seen.Writer.Complete();
        Assert.False(seen.Reader.TryRead(out var extra), $"a line was reported twice or out of place: port {extra}");

        async Task<int?> Next() => await seen.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Patience, TestContext.Current.CancellationToken);
    }

    private static string Line(int port, string user) => $"Jan  1 00:00:00 h sshd[1]: Failed password for {user} from 192.0.2.1 port {port} ssh2\n";
}
