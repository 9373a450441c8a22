using System.Text.Json;
using SshDoctor.Localization;
using SshDoctor.Reporting;
using SshDoctor.Tests.Explain;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Reporting;

/// <summary>The JSON contract scripts rely on (schema ssh-doctor/1): names, order, and text as written.</summary>
public class ReportContractTests
{
    private static JsonElement ExplainJson(Language language, params string[] files)
    {
        var report = ExplainReportBuilder.Build(ExplainHelper.OfFiles(files), language);
        return JsonDocument.Parse(ReportJson.Serialize(report)).RootElement.Clone();
    }

    [Fact]
    public void Explain_json_has_the_contract_fields_with_the_root_cause_first()
    {
        var root = ExplainJson(Language.English, SampleFiles.PathOf("lab", "auth-server-modes-sshdir", "client.log"), SampleFiles.PathOf("lab", "auth-server-modes-sshdir", "server.log"));

        Assert.Equal("ssh-doctor/1", root.GetProperty("schema").GetString());
        Assert.Equal("explain", root.GetProperty("command").GetString());
        Assert.Equal("problem", root.GetProperty("status").GetString());
        var first = root.GetProperty("diagnoses")[0];
        Assert.Equal("auth.publickey.server-modes", first.GetProperty("id").GetString());
        Assert.Equal("auth", first.GetProperty("stage").GetString());
        Assert.Equal("proven", first.GetProperty("certainty").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("title").GetString()));
        var evidence = first.GetProperty("evidence")[0];
        Assert.Equal("server-log", evidence.GetProperty("source").GetString());
        Assert.EndsWith("server.log:4", evidence.GetProperty("where").GetString(), StringComparison.Ordinal);
        Assert.True(first.GetProperty("fixes").GetArrayLength() > 0);
        Assert.Contains(root.GetProperty("stages").EnumerateArray(), s => s.GetProperty("stage").GetString() == "auth" && s.GetProperty("status").GetString() == "failed");
        var session = root.GetProperty("sessions")[0];
        Assert.Equal("9.2p1", session.GetProperty("open_ssh_version").GetString());
        Assert.Equal("rejected", session.GetProperty("keys")[0].GetProperty("result").GetString());
    }

    [Fact]
    public void A_successful_login_is_status_ok_with_an_empty_diagnosis_list()
    {
        var root = ExplainJson(Language.English, SampleFiles.PathOf("lab", "ok", "client.log"), SampleFiles.PathOf("lab", "ok", "server.log"));
        Assert.Equal("ok", root.GetProperty("status").GetString());
        Assert.Equal(0, root.GetProperty("diagnoses").GetArrayLength());
        Assert.All(root.GetProperty("stages").EnumerateArray(), s => Assert.Equal("ok", s.GetProperty("status").GetString()));
    }

    [Fact]
    public void Japanese_reports_keep_japanese_text_unescaped_and_commands_unchanged()
    {
        var files = new[] { SampleFiles.PathOf("variants", "kex-group1-7.4.log") };
        var en = ExplainJson(Language.English, files).GetProperty("diagnoses")[0];
        var json = ReportJson.Serialize(ExplainReportBuilder.Build(ExplainHelper.OfFiles(files), Language.Japanese));
        var ja = JsonDocument.Parse(json).RootElement.GetProperty("diagnoses")[0];

        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.Contains(ja.GetProperty("title").GetString()!, c => c >= '\u3040' && c <= '\u30ff');
        // The first fix with a command (the automatic fix's line describes the edit and has none).
        var first = en.GetProperty("fixes").EnumerateArray().Select((f, i) => (f, i)).First(x => x.f.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String).i;
        Assert.Equal(en.GetProperty("fixes")[first].GetProperty("command").GetString(), ja.GetProperty("fixes")[first].GetProperty("command").GetString());
        Assert.Contains("diffie-hellman-group14-sha1", en.GetProperty("fixes")[first].GetProperty("command").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_json_reads_back_into_the_same_model()
    {
        var report = ExplainReportBuilder.Build(ExplainHelper.OfFiles(SampleFiles.PathOf("variants", "hostkey-changed-9.2.log")), Language.English);
        var again = ReportJson.Deserialize(ReportJson.Serialize(report))!;
        Assert.Equal(report.Diagnoses.Select(d => d.Id), again.Diagnoses.Select(d => d.Id));
        Assert.Equal("SHA256:4diVWLvF+Ar08z4xPvrZVAxteeBzA9okOlaDm4Khi4M", again.Diagnoses[0].Values["fingerprint"]);
        Assert.Equal("/home/u/.ssh/known_hosts", again.Diagnoses[0].Values["file"]);
        Assert.Equal("2", again.Diagnoses[0].Values["line"]);
    }
}
