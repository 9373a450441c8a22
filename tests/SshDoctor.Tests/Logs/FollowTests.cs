using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary><c>--follow</c>: a file appended to, then rotated (renamed, a new one created) and truncated, by the test.</summary>
public class FollowTests
{
    [Fact]
    public async Task Appended_rotated_and_truncated_lines_are_all_seen_once_in_order()
    {
        using var dir = new LogsTestSupport.TempDir();
        var path = dir.File("auth.log");
        File.WriteAllText(path, Line(1));
        var seen = new List<int?>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(20));
        var follower = Task.Run(() => new FileFollower(path, TimeSpan.FromMilliseconds(20)).Run(r =>
        {
            lock (seen)
            {
                seen.Add(r.Port);
            }
        }, cancel.Token), TestContext.Current.CancellationToken);

        await WaitFor(1);
        File.AppendAllText(path, Line(2) + "Jan  1 00:00:00 h sshd[1]: Failed password for root from 192.0.2.1 port ");
        await Task.Delay(100, TestContext.Current.CancellationToken);
        File.AppendAllText(path, "3 ssh2\n");
        await WaitFor(3);

        File.AppendAllText(path, Line(4));
        File.Move(path, path + ".1");
        File.WriteAllText(path, Line(5));
        await WaitFor(5);

        File.WriteAllText(path, string.Empty);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        File.AppendAllText(path, Line(6));
        await WaitFor(6);

        await cancel.CancelAsync();
        await follower;
        Assert.Equal([1, 2, 3, 4, 5, 6], seen);

        async Task WaitFor(int count)
        {
            for (var i = 0; i < 400; i++)
            {
                lock (seen)
                {
                    if (seen.Count >= count)
                    {
                        return;
                    }
                }

                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.Fail($"saw {seen.Count} events, waited for {count}");
        }
    }

    private static string Line(int port) => $"Jan  1 00:00:00 h sshd[1]: Failed password for root from 192.0.2.1 port {port} ssh2\n";
}
