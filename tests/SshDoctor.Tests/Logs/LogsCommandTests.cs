using System.Diagnostics;
using System.Text.Json;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Logs;

/// <summary>The command as users and scripts see it: formats, keys, exit codes, languages (runs the built CLI).</summary>
public class LogsCommandTests
{
    private static readonly string Sample = SampleFiles.PathOf("logs", "debian12-openssh-9.2p1-syslog.log");

    [Fact]
    public void Events_are_one_object_per_recognised_line_with_exactly_the_documented_keys()
    {
        var (code, stdout, _) = Run("logs", "--events", Sample);
        Assert.Equal(1, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(16, lines.Length);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(["file", "line", "time", "host", "process", "pid", "ip", "port", "user", "id", "attempt", "text"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        }

        using var first = JsonDocument.Parse(lines[1]);
        Assert.Equal("auth.wrong-user", first.RootElement.GetProperty("id").GetString());
        Assert.Equal(4, first.RootElement.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Json_summary_follows_the_project_contract()
    {
        var (code, stdout, stderr) = Run("logs", "--json", Sample);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("ssh-doctor/1", root.GetProperty("schema").GetString());
        Assert.Equal("logs", root.GetProperty("command").GetString());
        Assert.Equal("problem", root.GetProperty("status").GetString()); // the word every other command's JSON uses
        Assert.Equal(8, root.GetProperty("totals").GetProperty("failures").GetInt32());
        Assert.Contains(root.GetProperty("diagnoses").EnumerateArray(), d => d.GetProperty("id").GetString() == "auth.too-many-failures" && d.GetProperty("count").GetInt32() == 2);
        Assert.Equal("198.51.100.7", root.GetProperty("top_addresses")[0].GetProperty("ip").GetString());
    }

    [Theory]
    [InlineData("en", "The account USER does not exist on HOST")]
    [InlineData("ja", "USER")]
    public void Summary_titles_stand_for_many_lines_with_no_placeholder_left_in_braces(string language, string expected)
    {
        var (_, human, _) = Run("logs", "--lang", language, Sample);
        var (_, json, _) = Run("logs", "--json", "--lang", language, Sample);

        Assert.DoesNotContain("{user}", human, StringComparison.Ordinal);
        Assert.DoesNotContain("{host}", human, StringComparison.Ordinal);
        Assert.Contains(expected, human, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.All(doc.RootElement.GetProperty("diagnoses").EnumerateArray(), d => Assert.DoesNotContain('{', d.GetProperty("title").GetString()!));
    }

    [Fact]
    public void Csv_has_a_header_and_quotes_what_needs_it()
    {
        var (_, stdout, _) = Run("logs", "--csv", "--user", "alice", Sample);
        var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("file,line,time,host,process,pid,ip,port,user,id,text", rows[0]);
        Assert.All(rows.Skip(1), r => Assert.Contains(",alice,", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Human_output_names_the_source_and_speaks_japanese_when_asked()
    {
        var (code, stdout, stderr) = Run("logs", "--lang", "ja", Sample);
        Assert.Equal(1, code);
        Assert.Contains("reading", stderr, StringComparison.Ordinal);
        Assert.Contains("診断ごとの失敗", stdout, StringComparison.Ordinal);
        Assert.Contains("auth.wrong-user", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_codes_say_no_failure_usage_error_and_unknown_lines_are_listed_on_request()
    {
        using var dir = new LogsTestSupport.TempDir();
        File.WriteAllText(dir.File("ok.log"), "Jan  1 00:00:00 h sshd[1]: Accepted password for alice from 192.0.2.1 port 1 ssh2\nJan  1 00:00:00 h sshd[1]: something sshd never said\n");
        Assert.Equal(0, Run("logs", dir.File("ok.log")).Code);
        using (var ok = JsonDocument.Parse(Run("logs", "--json", dir.File("ok.log")).Stdout))
        {
            Assert.Equal("ok", ok.RootElement.GetProperty("status").GetString());
        }

        Assert.Contains("list them with --unknown", Run("logs", dir.File("ok.log")).Stdout, StringComparison.Ordinal);
        var (_, listed, _) = Run("logs", "--unknown", dir.File("ok.log"));
        Assert.Contains("something sshd never said", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("list them with --unknown", listed, StringComparison.Ordinal);
        Assert.Equal(2, Run("logs", dir.File("missing.log")).Code);
        Assert.Equal(2, Run("logs", "--since", "tomorrowish", Sample).Code);
        Assert.Equal(2, Run("logs", "--json", "--csv", Sample).Code);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ssh-doctor.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
