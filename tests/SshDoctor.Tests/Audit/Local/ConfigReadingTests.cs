using System.Diagnostics;
using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;
using SshDoctor.Localization;

namespace SshDoctor.Tests.Audit.Local;

/// <summary>
/// check-local reading ~/.ssh/config and its Includes as hostile input: an Include loop is one finding (ssh stops on
/// it), a fan-out ends at once, a big glob is read within its budget, and a config that is a FIFO, unreadable or a
/// link loop is said to be so — never "does not exist".
/// </summary>
public sealed class ConfigReadingTests : IDisposable
{
    private readonly string _home = Shell.TempDirectory();

    private string SshDir => Path.Combine(_home, ".ssh");

    [Fact]
    public void An_include_loop_of_two_files_is_one_config_include_loop_not_thousands_of_warnings()
    {
        Write("config", $"Include {SshDir}/a\n");
        Write("a", $"Hostt typo\nInclude {SshDir}/b\n");
        Write("b", $"Include {SshDir}/a\n");

        var result = Audit();

        var loop = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ConfigIncludeLoop);
        Assert.Equal(Certainty.Proven, loop.Certainty);
        Assert.Equal($"{SshDir}/b:1", loop.Evidence[0].Where);
        Assert.Contains("Too many recursive configuration includes", loop.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Single(result.Findings, f => f.Code == "config.include-loop");
        Assert.Single(result.Findings, f => f.Code == "config.bad-option");
    }

    [Fact]
    public void A_fan_out_of_twenty_files_each_including_the_whole_directory_ends_at_once()
    {
        Write("config", $"Include {SshDir}/inc/*\n");
        for (var i = 0; i < 20; i++)
        {
            Write($"inc/f{i:00}", $"Include {SshDir}/inc/*\n");
        }

        var clock = Stopwatch.StartNew();
        var result = Audit();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
        Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ConfigIncludeLoop);
    }

    [Fact]
    public void Includes_deeper_than_sixteen_levels_stop_as_ssh_stops()
    {
        Write("config", $"Include {SshDir}/d1\n");
        for (var i = 1; i <= 17; i++)
        {
            Write($"d{i}", $"Include {SshDir}/d{i + 1}\n");
        }

        Write("d18", "Port 22\n");

        var result = Audit();

        Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ConfigIncludeLoop);
        Assert.Equal($"{SshDir}/d17", Assert.Single(result.Findings, f => f.Code == "config.include-too-deep").Values["target"]);
    }

    [Fact]
    public void A_file_included_twice_without_a_loop_is_read_once()
    {
        Write("config", $"Include {SshDir}/left {SshDir}/right\n");
        Write("left", $"Include {SshDir}/shared\n");
        Write("right", $"Include {SshDir}/shared\n");
        Write("shared", "Hostt typo\n");

        var result = Audit();

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.ConfigIncludeLoop);
        Assert.Single(result.Findings, f => f.Code == "config.bad-option");
    }

    [Fact]
    public void A_glob_matching_ten_thousand_files_is_read_within_its_bound()
    {
        Write("config", $"Include {SshDir}/many/*.conf\n");
        Directory.CreateDirectory(Path.Combine(SshDir, "many"));
        for (var i = 0; i < 10_000; i++)
        {
            File.WriteAllText(Path.Combine(SshDir, "many", $"f{i:00000}.conf"), $"Host h{i}\n  Port 22\n");
        }

        var clock = Stopwatch.StartNew();
        var config = ClientConfigFile.Load(new RootedFileSystem(null), Path.Combine(SshDir, "config"), SshDir, _home);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), clock.Elapsed.ToString());
        Assert.InRange(config.Files.Count, 1, IncludeGuard.MaxFiles);
        Assert.Null(config.Reading.TooDeep);
    }

    [Fact]
    public void A_config_of_a_hundred_thousand_lines_is_read_whole()
    {
        Write("config", string.Concat(Enumerable.Range(0, 50_000).Select(i => $"Host h{i}\n  Port {(i % 65535) + 1}\n")));

        var config = ClientConfigFile.Load(new RootedFileSystem(null), Path.Combine(SshDir, "config"), SshDir, _home);

        Assert.Equal(100_000, config.Lines.Count);
        Assert.Empty(config.Reading.Problems);
    }

    [Fact]
    public void A_config_that_is_a_fifo_is_said_to_be_one_and_not_read()
    {
        Directory.CreateDirectory(SshDir);
        Shell.Run($"mkfifo {SshDir}/config");

        var clock = Stopwatch.StartNew();
        var result = Audit();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        var finding = Assert.Single(result.Findings, f => f.Code == "file.not-regular");
        Assert.Equal("FIFO", finding.Values["kind"]);
        Assert.DoesNotContain(result.Findings, f => f.Code == "config.none");
    }

    [Fact]
    public void An_include_that_is_a_fifo_is_reported_and_ssh_is_not_asked()
    {
        Write("config", $"Include {SshDir}/pipe\nHostt typo\n");
        Shell.Run($"mkfifo {SshDir}/pipe");
        var programs = new Server.ScriptedPrograms().Prints("ssh", string.Empty);

        var result = AuditRunner.Run([new ConfigSyntaxCheck()], LocalAudit.Context(_home, NativeUnix.GetUid(), programs: programs), EvidenceSource.Local);

        Assert.Single(result.Findings, f => f.Code == "file.not-regular");
        Assert.Empty(programs.Calls);
    }

    [Fact]
    public void A_config_that_is_a_symlink_loop_is_said_to_be_one()
    {
        Directory.CreateDirectory(SshDir);
        File.CreateSymbolicLink(Path.Combine(SshDir, "config"), Path.Combine(SshDir, "config.loop"));
        File.CreateSymbolicLink(Path.Combine(SshDir, "config.loop"), Path.Combine(SshDir, "config"));

        var result = Audit();

        Assert.Single(result.Findings, f => f.Code == "file.symlink-loop" && f.Where == Path.Combine(SshDir, "config"));
        Assert.DoesNotContain(result.Findings, f => f.Code == "config.none");
    }

    [Theory]
    [InlineData(Language.English)]
    [InlineData(Language.Japanese)]
    public void An_unknown_option_with_no_keyword_near_it_leaves_no_placeholder(Language language)
    {
        Write("config", "Zzqxwv 1\nHostt x\n");

        var findings = Audit().Findings.Where(f => f.Code == "config.bad-option").ToList();

        Assert.Equal(2, findings.Count);
        var far = FindingTexts.Text(findings[0], language);
        Assert.DoesNotContain("NEAREST", far, StringComparison.Ordinal);
        Assert.DoesNotContain("{", far, StringComparison.Ordinal);
        Assert.Contains("Zzqxwv", far, StringComparison.Ordinal);
        Assert.Contains("Host", FindingTexts.Text(findings[1], language), StringComparison.Ordinal);
    }

    private AuditResult Audit() => AuditRunner.Run(LocalChecks.All, LocalAudit.Context(_home, NativeUnix.GetUid(), programs: new Server.ScriptedPrograms()), EvidenceSource.Local);

    private void Write(string name, string text)
    {
        var path = Path.Combine(SshDir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        Shell.Run($"chmod 600 {path}");
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
