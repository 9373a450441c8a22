using System.CommandLine;
using SshDoctor.Cli;
using SshDoctor.Cli.Completion;
using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Install.Infrastructure;

namespace SshDoctor.IntegrationTests.Install;

/// <summary>
/// <c>ssh-doctor completion bash|zsh|fish</c>, loaded into each real shell and asked non-interactively: commands,
/// options per command, --lang values, destinations from ~/.ssh/config (with Include) and known_hosts, diagnosis ids.
/// </summary>
public sealed class CompletionScriptTests : IDisposable
{
    private readonly CompletionHome _home = new();

    public static TheoryData<string, string[]> Cases() => new()
    {
        { "ssh-doctor ", ["check-local", "check-server", "completion", "diagnose", "explain", "fix", "logs", "scan", "undo", "version"] },
        { "ssh-doctor diag", ["diagnose"] },
        { "ssh-doctor --lang ", ["en", "ja"] },
        { "ssh-doctor explain --lang ", ["en", "ja"] },
        { "ssh-doctor completion ", ["bash", "fish", "zsh"] },
        { "ssh-doctor diagnose --k", ["--known-hosts"] },
        { "ssh-doctor check-server --fa", ["--fail2ban-socket"] },
        { "ssh-doctor diagnose ", ["192.0.2.7", "bastion", "files.example", "git.example:2222", "web1", "web2"] },
        { "ssh-doctor diagnose alice@we", ["alice@web1", "alice@web2"] },
        { "ssh-doctor diagnose -J bastion,fi", ["bastion,files.example"] },
        { "ssh-doctor --lang ja diagnose --json w", ["web1", "web2"] },
        { "ssh-doctor explain hostkey.ch", [DiagnosisIds.HostKeyChanged] },
        { "ssh-doctor fix hostkey.ch", [DiagnosisIds.HostKeyChanged] },
        { "ssh-doctor fix we", ["web1", "web2"] },
        { "ssh-doctor fix hostkey.changed we", ["web1", "web2"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bash_offers(string line, string[] expected)
    {
        var script = Script("bash");
        Assert.Equal("complete -F _ssh_doctor ssh-doctor", ShellCompletion.BashRegistration(script));
        Assert.Equal(Expected(line, expected, colonSplits: true), ShellCompletion.Bash(script, line, _home.Environment()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Zsh_offers(string line, string[] expected)
    {
        Checkout.Require(Programs.Has("zsh"), "zsh (Debian package zsh) is not installed");
        var directory = Directory.CreateDirectory(_home.PathOf("zsh")).FullName;
        File.Copy(Script("zsh"), Path.Combine(directory, "_ssh-doctor"), overwrite: true);
        Assert.Equal(Expected(line, expected, colonSplits: false), ShellCompletion.Zsh(directory, line, _home.Environment()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fish_offers(string line, string[] expected)
    {
        Checkout.Require(Programs.Has("fish"), "fish (Debian package fish) is not installed");
        Assert.Equal(Expected(line, expected, colonSplits: false), ShellCompletion.Fish(Script("fish"), line, _home.Environment()));
    }

    [Fact]
    public void Explain_also_offers_files_and_every_shell_offers_every_option_of_diagnose()
    {
        File.WriteAllText(_home.PathOf("tcp.log"), "ssh: connect to host x port 22: Connection refused\n");
        var environment = _home.Environment();
        var bash = ShellCompletion.Bash(Script("bash"), "ssh-doctor explain " + _home.PathOf("tcp."), environment);
        Assert.Equal([_home.PathOf("tcp.log")], bash);

        string[] diagnoseOptions = ["--agent", "--dry-run", "--expect-fingerprint", "--fix", "--help", "--json", "--known-hosts", "--lang", "--login", "--no-color", "--timeout", "--with-ssh", "-F", "-J", "-h", "-i", "-l", "-o", "-p", "-y", "--yes"];
        Assert.Equal(diagnoseOptions.Order(StringComparer.Ordinal), ShellCompletion.Bash(Script("bash"), "ssh-doctor diagnose -", environment));
        Checkout.Require(Programs.Has("fish"), "fish (Debian package fish) is not installed");
        Assert.Equal(diagnoseOptions.Order(StringComparer.Ordinal), ShellCompletion.Fish(Script("fish"), "ssh-doctor diagnose -", environment));
    }

    /// <summary>
    /// A command that acts on one diagnosis only marks its argument with <see cref="ValueCompletion.DiagnosisIds"/>: every
    /// shell then offers the ids, and no files.
    /// </summary>
    [Fact]
    public void An_argument_marked_as_a_diagnosis_id_is_offered_ids_and_no_files()
    {
        var tree = CommandTree.Create(TimeProvider.System);
        tree.Subcommands.Add(new Command("fix-one", "Apply the fix of one diagnosis.") { ValueCompletion.DiagnosisIds(new Argument<string>("id")) });
        var model = CommandModel.Of(tree);
        var environment = _home.Environment();
        File.WriteAllText(_home.PathOf("tcp.log"), "");
        var files = _home.PathOf("tcp.");

        var bash = _home.PathOf("fix.bash");
        File.WriteAllText(bash, BashScript.Generate(model));
        Assert.Equal([DiagnosisIds.HostKeyChanged], ShellCompletion.Bash(bash, "ssh-doctor fix-one hostkey.ch", environment));
        Assert.Empty(ShellCompletion.Bash(bash, "ssh-doctor fix-one " + files, environment));

        Checkout.Require(Programs.Has("fish") && Programs.Has("zsh"), "fish and zsh (Debian packages fish, zsh) are not installed");
        var fish = _home.PathOf("fix.fish");
        File.WriteAllText(fish, FishScript.Generate(model));
        Assert.Equal([DiagnosisIds.HostKeyChanged], ShellCompletion.Fish(fish, "ssh-doctor fix-one hostkey.ch", environment));
        Assert.Empty(ShellCompletion.Fish(fish, "ssh-doctor fix-one " + files, environment));

        var zsh = Directory.CreateDirectory(_home.PathOf("zsh-fix")).FullName;
        File.WriteAllText(Path.Combine(zsh, "_ssh-doctor"), ZshScript.Generate(model));
        Assert.Equal([DiagnosisIds.HostKeyChanged], ShellCompletion.Zsh(zsh, "ssh-doctor fix-one hostkey.ch", environment));
        Assert.Empty(ShellCompletion.Zsh(zsh, "ssh-doctor fix-one " + files, environment));
    }

    [Fact]
    public void Hidden_helpers_are_not_offered_and_unknown_shells_are_refused()
    {
        var refused = Programs.Run("dotnet", [Checkout.JitDll, "completion", "tcsh"]);
        Assert.Equal(2, refused.Code);
        Assert.Contains("tcsh", refused.Stderr, StringComparison.Ordinal);
        foreach (var shell in (string[])["bash", "zsh", "fish"])
        {
            var script = File.ReadAllText(Script(shell));
            Assert.DoesNotContain("manpage", script, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _home.Dispose();

    private string Script(string shell)
    {
        var path = _home.PathOf("completion." + shell);
        if (!File.Exists(path))
        {
            var run = Programs.Run("dotnet", [Checkout.JitDll, "completion", shell]);
            Assert.True(run.Code == 0, run.ToString());
            File.WriteAllText(path, run.Stdout);
        }

        return path;
    }

    // bash replaces only what follows the last ':' of the word (COMP_WORDBREAKS), so its candidates start there.
    private static string[] Expected(string line, string[] expected, bool colonSplits)
    {
        var word = line[(line.LastIndexOf(' ') + 1)..];
        var colon = word.LastIndexOf(':');
        return [.. expected.Select(e => colonSplits && colon >= 0 ? e[(colon + 1)..] : e).Order(StringComparer.Ordinal)];
    }
}
