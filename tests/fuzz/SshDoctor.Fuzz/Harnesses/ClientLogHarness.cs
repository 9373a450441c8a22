using SshDoctor.Explain;
using SshDoctor.Localization;
using SshDoctor.Logs.Input;
using SshDoctor.Reporting;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// <c>explain</c>'s whole pipeline over one input, as the command runs it: the bounded reader, the client log reader
/// and session builder, the rules, and the report in both languages as JSON. Nothing may throw.
/// </summary>
public sealed class ClientLogHarness : IHarness
{
    public string Name => "client-log";

    public string Covers => "explain: BoundedLineReader, LogReader, ClientSessionBuilder, rules, report JSON (en, ja)";

    public void Run(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        var text = BoundedLineReader.Read("client.log", stream, InputLimits.Default);
        var result = Explainer.Explain([text]);
        foreach (var language in (Language[])[Language.English, Language.Japanese])
        {
            var report = ExplainReportBuilder.Build(result, language);
            ProducedText.CheckAll(report, "report");
            ReportJson.Serialize(report);
        }
    }
}
