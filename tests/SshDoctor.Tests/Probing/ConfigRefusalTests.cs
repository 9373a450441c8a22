using System.Runtime.Versioning;
using System.Text.Json;
using SshDoctor.Tests.Audit;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Probing;

/// <summary>
/// When ssh refuses its configuration, diagnose names a catalogue id for it, whatever ssh printed: the known
/// messages by their signatures, anything else still as <c>config.bad-value</c> with ssh's own words as evidence.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ConfigRefusalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sshdoctor-config-refusal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("Port=99999", "Bad port '99999'")]
    [InlineData("Ciphers=nonsense", "Bad SSH2 cipher spec 'nonsense'")]
    [InlineData("Compression=maybe", "unsupported option \"maybe\"")]
    public void A_value_the_real_ssh_refuses_is_config_bad_value(string option, string problem)
    {
        Shell.Require(File.Exists("/usr/bin/ssh"), "the real ssh -G decides what it refuses");
        var (id, title) = RootCause(CliRun.Run("diagnose", "--json", "--agent", "none", "-o", option, "host.invalid"));
        Assert.Equal("config.bad-value", id);
        Assert.Contains(problem, title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_no_signature_knows_still_has_an_id()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_directory, "bin")).FullName;
        var ssh = Path.Combine(bin, "ssh");
        File.WriteAllText(ssh, "#!/bin/sh\n[ \"$1\" = -V ] && { echo 'OpenSSH_9.2p1, OpenSSL 3.0' >&2; exit 0; }\necho 'a refusal worded as no ssh words it yet' >&2\nexit 255\n");
        File.SetUnixFileMode(ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (id, title) = RootCause(CliRun.Run(new Dictionary<string, string> { ["PATH"] = bin + ":/usr/bin:/bin" }, "diagnose", "--json", "--agent", "none", "host.invalid"));

        Assert.Equal("config.bad-value", id);
        Assert.Contains("a refusal worded as no ssh words it yet", title, StringComparison.Ordinal);
    }

    private static (string Id, string Title) RootCause(CliResult result)
    {
        Assert.True(result.Code == 1, $"exit {result.Code}: {result.Stdout}{result.Stderr}");
        using var report = JsonDocument.Parse(result.Stdout);
        var first = report.RootElement.GetProperty("diagnoses")[0];
        return (first.GetProperty("id").GetString()!, first.GetProperty("title").GetString()!);
    }
}
