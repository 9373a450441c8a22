using SshDoctor.Config;
using SshDoctor.Probing;
using SshDoctor.Probing.Resolve;

namespace SshDoctor.Tests.Probing;

/// <summary>The built-in ssh_config evaluation (used when no ssh is installed) and ssh -G output.</summary>
public sealed class ConfigResolutionTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("sshdoctor-config-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void First_value_wins_and_host_blocks_match_the_alias()
    {
        var config = Write("config", """
            Host web
              HostName 10.0.0.5
              User deploy
              Port 2222
            Host *
              User nobody
              IdentityFile ~/.ssh/id_web
              IdentityFile ~/.ssh/id_other
            """);

        var resolved = SshConfigParser.Resolve("web", [], config, _home, "me");

        Assert.Equal("10.0.0.5", resolved.First("hostname"));
        Assert.Equal("deploy", resolved.First("user"));
        Assert.Equal("2222", resolved.First("port"));
        Assert.Equal(["~/.ssh/id_web", "~/.ssh/id_other"], resolved.All("identityfile"));
    }

    [Fact]
    public void An_include_path_with_a_nul_is_skipped_like_a_missing_file()
    {
        // Found by the ssh-config fuzz harness: FileInfo threw ArgumentException and diagnose exited 3.
        var config = Write("config", "Include a\0b\nUser deploy\n");

        var resolved = SshConfigParser.Resolve("web", [], config, _home, "me");

        Assert.Equal("deploy", resolved.First("user"));
    }

    [Fact]
    public void Command_line_options_win_and_negated_patterns_exclude()
    {
        var config = Write("config", """
            Host * !bastion
              ProxyJump bastion
            Host *
              Port 2200
            """);

        Assert.Equal("bastion", SshConfigParser.Resolve("app", [], config, _home, "me").First("proxyjump"));
        Assert.Null(SshConfigParser.Resolve("bastion", [], config, _home, "me").First("proxyjump"));
        Assert.Equal("22", SshConfigParser.Resolve("app", [("port", "22")], config, _home, "me").First("port"));
    }

    [Fact]
    public void Include_reads_globbed_files_relative_to_dot_ssh_and_match_host_sees_hostname()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".ssh", "conf.d"));
        Write(".ssh/conf.d/10-app.conf", "Host app\n  HostName app.internal\n");
        Write(".ssh/conf.d/20-user.conf", "Match host app.internal\n  User svc\n");
        Write(".ssh/config", "Include conf.d/*.conf\n");

        var resolved = SshConfigParser.Resolve("app", [], null, _home, "me");

        Assert.Equal("app.internal", resolved.First("hostname"));
        Assert.Equal("svc", resolved.First("user"));
    }

    [Fact]
    public void Defaults_fill_what_is_not_set_and_percent_h_expands()
    {
        var config = Write("config", "Host *.lan\n  HostName %h.example.org\n");

        var resolved = SshConfigParser.Resolve("box.lan", [], config, _home, "me");

        Assert.Equal("box.lan.example.org", resolved.First("hostname"));
        Assert.Equal("me", resolved.First("user"));
        Assert.Equal("22", resolved.First("port"));
        Assert.Contains("~/.ssh/id_ed25519", resolved.All("identityfile"));
    }

    [Fact]
    public void Ssh_dash_G_output_keeps_every_identity_file_in_order()
    {
        var resolved = SshGOutputParser.Parse("user bob\nhostname example.com\nport 2222\nidentityfile ~/.ssh/a\nidentityfile ~/.ssh/b\nkexalgorithms x,y\n");

        Assert.Equal("bob", resolved.First("user"));
        Assert.Equal(["~/.ssh/a", "~/.ssh/b"], resolved.All("identityfile"));
        Assert.Equal("ssh -G", resolved.Source);
    }

    [Theory]
    [InlineData("alice@host:2222", "alice", "host", 2222)]
    [InlineData("ssh://bob@example.com:22/", "bob", "example.com", 22)]
    [InlineData("[2001:db8::1]:2200", null, "2001:db8::1", 2200)]
    [InlineData("2001:db8::1", null, "2001:db8::1", null)]
    [InlineData("host", null, "host", null)]
    public void Destinations_parse_like_ssh(string text, string? user, string host, int? port)
    {
        var destination = Destination.Parse(text);

        Assert.Equal(user, destination.User);
        Assert.Equal(host, destination.Host);
        Assert.Equal(port, destination.Port);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_home, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void An_include_loop_in_the_config_ends_the_reading_at_once()
    {
        Write("a", $"Include {_home}/b\nUser looped\n");
        Write("b", $"Include {_home}/a\n");
        var config = Write("config", $"Port 2200\nInclude {_home}/a\n");

        var resolved = SshConfigParser.Resolve("web", [], config, _home, "me");

        Assert.Equal("2200", resolved.First("port"));
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public void A_config_or_include_that_is_a_device_is_not_read(string device)
    {
        var link = Path.Combine(_home, "device");
        File.CreateSymbolicLink(link, device);
        var config = Write("config", $"Include {link}\nPort 2200\n");

        Assert.Equal("2200", SshConfigParser.Resolve("web", [], config, _home, "me").First("port"));
        Assert.Equal("22", SshConfigParser.Resolve("web", [], link, _home, "me").First("port"));
    }

    [Theory]
    [InlineData("-F")]
    [InlineData("-i")]
    [InlineData("--known-hosts")]
    public void A_fifo_or_device_named_on_the_command_line_is_bad_input(string option)
    {
        var fifo = Path.Combine(_home, "fifo");
        SshDoctor.Tests.Audit.Shell.Run($"mkfifo {fifo}");
        DiagnoseRequest Request(string path) => option switch
        {
            "-F" => new DiagnoseRequest { Destination = "h", ConfigFile = path },
            "-i" => new DiagnoseRequest { Destination = "h", IdentityFiles = [path] },
            _ => new DiagnoseRequest { Destination = "h", KnownHostsFile = path },
        };

        Assert.Equal($"{option} {fifo}: a FIFO, not a regular file", Request(fifo).FileProblem(_home));
        Assert.Equal($"{option} /dev/zero: a character device, not a regular file", Request("/dev/zero").FileProblem(_home));
        Assert.Null(Request(Write("file", "x\n")).FileProblem(_home));
        Assert.Null(Request(Path.Combine(_home, "missing")).FileProblem(_home));
        Assert.Null(Request("/dev/null").FileProblem(_home));
    }
}
