using System.Text;
using SshDoctor.Cli.Rendering;
using SshDoctor.Diagnosis;
using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Tests.Reporting;

/// <summary>
/// A piece of evidence without a file and line is labelled by where it came from; in Japanese output that label is
/// Japanese too (the JSON report keeps its English names), for every source there is.
/// </summary>
public sealed class EvidenceSourceWordTests
{
    public static TheoryData<EvidenceSource> Sources() => [.. Enum.GetValues<EvidenceSource>()];

    [Theory]
    [MemberData(nameof(Sources))]
    public void Japanese_output_names_the_source_of_evidence_in_Japanese(EvidenceSource source)
    {
        var json = source.ToJson();
        var diagnosis = new Diagnosis.Diagnosis(DiagnosisIds.TcpRefused, Certainty.Proven, [new Evidence(source, "connect: Connection refused")], new Dictionary<string, string>());

        var japanese = Render(diagnosis, Language.Japanese);
        var english = Render(diagnosis, Language.English);

        Assert.Contains("    " + json + "  connect: Connection refused", english, StringComparison.Ordinal);
        Assert.DoesNotContain(json + "  connect", japanese, StringComparison.Ordinal);
        Assert.Contains("    " + UiText.Japanese.SourceWord(json) + "  connect: Connection refused", japanese, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]", UiText.Japanese.SourceWord(json));
    }

    private static string Render(Diagnosis.Diagnosis diagnosis, Language language)
    {
        using var stream = new MemoryStream();
        var output = Terminal.Over(stream, color: false);
        new ConsoleRenderer(output, language).Render(new Report { Command = "explain", Status = "problem", Diagnoses = [ReportBuilder.Describe(diagnosis, language)] });
        output.Flush();
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
