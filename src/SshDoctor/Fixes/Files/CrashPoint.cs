using System.Globalization;

namespace SshDoctor.Fixes.Files;

/// <summary>
/// Named steps of an apply (backup written, record written, temporary file written, synced, renamed...). The crash-safety
/// tests set <c>SSH_DOCTOR_TEST_CRASH_AT=N</c> to make the process kill itself (SIGKILL) on reaching the N-th step, and
/// <c>SSH_DOCTOR_TEST_CRASH_TRACE=FILE</c> to learn the steps' names. Without those variables this does nothing.
/// </summary>
public static class CrashPoint
{
    private static readonly int KillAt = int.TryParse(Environment.GetEnvironmentVariable("SSH_DOCTOR_TEST_CRASH_AT"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    private static readonly string? Trace = Environment.GetEnvironmentVariable("SSH_DOCTOR_TEST_CRASH_TRACE");
    private static int _reached;

    public static void Reach(string name)
    {
        if (KillAt == 0 && Trace is null)
        {
            return;
        }

        var count = Interlocked.Increment(ref _reached);
        if (Trace is not null)
        {
            File.AppendAllText(Trace, $"{count.ToString(CultureInfo.InvariantCulture)} {name}\n");
        }

        if (count == KillAt)
        {
            NativeFiles.KillSelf();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
