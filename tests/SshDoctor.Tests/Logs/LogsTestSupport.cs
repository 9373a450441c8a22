using System.Text;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>Runs text or files through the same pipeline as <c>ssh-doctor logs</c> and collects what it keeps.</summary>
internal static class LogsTestSupport
{
    public static (List<LogRecord> Records, LogSummary Summary) Read(string path, LogFilter? filter = null)
    {
        var records = new List<LogRecord>();
        var pipeline = new LogPipeline(filter ?? new LogFilter(), records.Add);
        using (var input = LogInput.Open(path))
        {
            pipeline.Read(input);
        }

        pipeline.Complete();
        return (records, pipeline.Summary);
    }

    public static (List<LogRecord> Records, LogSummary Summary) ReadText(string text, string name = "text") =>
        ReadStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), name);

    public static (List<LogRecord> Records, LogSummary Summary) ReadStream(Stream stream, string name = "stream")
    {
        var records = new List<LogRecord>();
        var pipeline = new LogPipeline(new LogFilter(), records.Add);
        using (var input = LogInput.Open("-", () => stream))
        {
            pipeline.Read(input);
        }

        pipeline.Complete();
        return (records, pipeline.Summary);
    }

    /// <summary>A scratch directory removed after the test.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("ssh-doctor-logs-").FullName;

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
