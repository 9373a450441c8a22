using SshDoctor.Probing;

namespace SshDoctor.Tests.Probing;

/// <summary>A scan's per-host deadline stops while the host waits its turn on a shared jump host, and starts whole again after.</summary>
public sealed class HostDeadlineTests
{
    [Fact]
    public async Task The_wait_for_a_turn_does_not_count_and_the_whole_deadline_runs_after_it()
    {
        using var deadline = new HostDeadline(TimeSpan.FromSeconds(1), CancellationToken.None);
        var turn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = deadline.WithoutTheClockAsync(() => turn.Task);

        // Three deadlines long in the queue: a running clock would have ended it.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.False(deadline.Token.IsCancellationRequested);
        turn.SetResult(true);
        Assert.True(await waiting);

        // The clock runs again once the turn has come (generous upper bound, no lower one).
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = deadline.Token.Register(() => ended.TrySetResult());
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_stopped_scan_still_ends_the_wait()
    {
        using var scan = new CancellationTokenSource();
        using var deadline = new HostDeadline(TimeSpan.FromMinutes(5), scan.Token);
        var waiting = deadline.WithoutTheClockAsync(() => Task.Delay(Timeout.Infinite, deadline.Token).ContinueWith(_ => true, TaskScheduler.Default));

        await scan.CancelAsync();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.True(deadline.Token.IsCancellationRequested);
    }
}
