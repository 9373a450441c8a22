using SshDoctor.Diagnosis;
using SshDoctor.Localization;
using SshDoctor.Probing;
using SshDoctor.Probing.Resolve;
using SshDoctor.Probing.UserSsh;
using SshDoctor.Reporting;

namespace SshDoctor.Tests.Probing;

/// <summary>
/// Host and user names ssh refuses never reach a shell or another program's option parser, with the built-in config
/// parser (no ssh installed) as with ssh -G: each hostile name below would run <c>touch MARKER</c> through a
/// ProxyCommand's %h / %r (or be read as an option by ssh) if it got through. The config stage fails with
/// config.invalid-name instead, and --with-ssh does not run ssh with it either.
/// </summary>
public sealed class NameRefusalTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("sshdoctor-names-").FullName;

    private string Marker => Path.Combine(_home, "marker");

    public void Dispose() => Directory.Delete(_home, recursive: true);

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in (string[])["host", "user -l", "user@", "-o User", "option destination", "user@option", "-J user", "-J host", "-o ProxyJump"])
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_name_ssh_refuses_runs_nothing_and_is_config_invalid_name(string @case, bool withSsh)
    {
        var request = Request(@case);
        var environment = Environment(withSsh);
        var ct = TestContext.Current.CancellationToken;

        Assert.Null(TargetResolver.Guess(request, environment));
        var target = await TargetResolver.ResolveAsync(request, environment, ct);
        var result = await new Prober(target).RunAsync(ct);
        if (environment.Ssh is { } ssh)
        {
            Assert.Empty((await UserSshRun.RunAsync(ssh, target, _home, login: false, ct)).Arguments);
            Assert.Empty((await UserSshRun.RunAsync(ssh, target, _home, login: true, ct)).Arguments);
        }

        Assert.False(File.Exists(Marker), "the hostile name ran a command");
        Assert.True(target.ConfigFatal);
        var report = DiagnoseReportBuilder.Build(result, Language.English);
        Assert.Equal("problem", report.Status);
        Assert.Equal(DiagnosisIds.ConfigInvalidName, Assert.Single(report.Diagnoses).Id);
        Assert.Equal("failed", report.Stages[0].Status);
        Assert.All(report.Stages.Skip(1), s => Assert.Equal("skipped", s.Status));
    }

    [Fact]
    public void The_user_ssh_keeps_is_the_one_checked()
    {
        // ssh -l alice 'u$(x)@h' connects as alice: the destination's user is dropped unchecked, as ssh drops it.
        var request = new DiagnoseRequest { Destination = "u$(x)@h", User = "alice" };

        Assert.Null(CommandLineNames.FirstRefused(request, Destination.Parse(request.Destination)));
        Assert.Equal(["-l", "alice", "--", "h"], request.SshArguments());
    }

    [Fact]
    public void The_destination_follows_a_double_dash_in_every_ssh_command_line()
    {
        var request = new DiagnoseRequest { Destination = "alice@web1:2222", Options = ["User=bob"] };

        Assert.Equal(["-p", "2222", "-l", "alice", "-o", "User=bob", "--", "web1"], request.SshArguments());
    }

    private DiagnoseRequest Request(string @case)
    {
        var touch = $"/usr/bin/touch {Marker}";
        var echoHost = "ProxyCommand=/bin/echo %h";
        var echoUser = "ProxyCommand=/bin/echo %r";
        return @case switch
        {
            "host" => new DiagnoseRequest { Destination = $"h$({touch})", Options = [echoHost] },
            "user -l" => new DiagnoseRequest { Destination = "h", User = $"u$({touch})", Options = [echoUser] },
            "user@" => new DiagnoseRequest { Destination = $"u$({touch})@h", Options = [echoUser] },
            "-o User" => new DiagnoseRequest { Destination = "h", Options = [$"User=u$({touch})", echoUser] },
            "option destination" => new DiagnoseRequest { Destination = $"-oProxyCommand={touch}" },
            "user@option" => new DiagnoseRequest { Destination = $"bob@-oProxyCommand=/usr/bin/touch${{IFS}}{Marker}" },
            "-J user" => new DiagnoseRequest { Destination = "h", JumpHosts = $"u$({touch})@hop" },
            "-J host" => new DiagnoseRequest { Destination = "h", JumpHosts = $"ok@hop,hop2;{touch}" },
            "-o ProxyJump" => new DiagnoseRequest { Destination = "h", Options = [$"ProxyJump=hop`{touch}`"] },
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };
    }

    private ProbeEnvironment Environment(bool withSsh)
    {
        var ssh = withSsh ? SshExecutable.Find(System.Environment.GetEnvironmentVariable) : null;
        if (withSsh && ssh is null)
        {
            Audit.Shell.Require(false, "ssh (openssh-client) is not installed");
        }

        return new ProbeEnvironment
        {
            Home = _home,
            LocalUser = "me",
            Variable = name => name switch
            {
                "PATH" => System.Environment.GetEnvironmentVariable("PATH"),
                "SHELL" => "/bin/sh",
                _ => null,
            },
            Ssh = ssh,
        };
    }
}
