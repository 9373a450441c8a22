namespace SshDoctor.Logs.Bulk;

/// <summary>Follows a pipe (standard input, <c>journalctl --follow</c>): each line is handled as soon as it arrives, until the end or cancellation.</summary>
public static class StreamFollower
{
    public static void Run(Stream stream, string name, YearInference years, Action<LogRecord> accept, CancellationToken token)
    {
        var splitter = new LineSplitter(new LineClassifier(name, years, FastSignatureMatcher.Server), accept);
        var buffer = new byte[64 * 1024];
        using var registration = token.Register(stream.Dispose);
        try
        {
            while (!token.IsCancellationRequested)
            {
                var read = stream.Read(buffer, 0, buffer.Length);
                if (read <= 0)
                {
                    break;
                }

                splitter.Push(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException && token.IsCancellationRequested)
        {
            return;
        }

        splitter.Flush();
    }
}
