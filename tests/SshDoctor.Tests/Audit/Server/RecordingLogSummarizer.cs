using SshDoctor.Audit;
using SshDoctor.Audit.Server;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>An <see cref="ISshdLogSummarizer"/> that remembers which logs it was handed and reads the first line of a file one.</summary>
internal sealed class RecordingLogSummarizer : ISshdLogSummarizer
{
    public List<SshdLogLocation> Handed { get; } = [];

    public void Summarize(SshdLogLocation log, ServerContext context, AuditSink sink)
    {
        Handed.Add(log);
        var first = log.File is null ? null : context.Fs.ReadText(log.File)?.Split('\n')[0];
        sink.Add(FindingSeverity.Info, "log.file", log.File, ("file", first));
    }
}
