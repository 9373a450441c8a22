using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.IntegrationTests.Install.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Localization;

namespace SshDoctor.IntegrationTests.Install;

/// <summary>ssh-doctor(1), as <c>ssh-doctor manpage</c> writes it, rendered by man -l: every command, option, exit code and diagnosis id.</summary>
public sealed class ManPageTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public void Man_renders_every_command_option_exit_code_and_diagnosis_id_without_a_warning(string language)
    {
        Checkout.Require(Programs.Has("man"), "man (man-db) is not installed");
        using var directory = new TempDirectory();
        var page = directory.File("ssh-doctor.1");
        var roff = Programs.Run("dotnet", [Checkout.JitDll, "manpage", "--lang", language]);
        Assert.True(roff.Code == 0, roff.ToString());
        File.WriteAllText(page, roff.Stdout);

        var man = Programs.Run("man", ["-l", page], new Dictionary<string, string?> { ["MANWIDTH"] = "2000", ["MAN_DISABLE_SECCOMP"] = "1" });

        Assert.True(man.Code == 0, man.ToString());
        Assert.Equal("", man.Stderr);
        var text = man.Stdout;
        var lang = language == "ja" ? Language.Japanese : Language.English;
        foreach (var command in (string[])["diagnose", "explain", "logs", "check-local", "check-server", "version", "completion"])
        {
            Assert.Contains("ssh-doctor " + command, text, StringComparison.Ordinal);
        }

        foreach (var option in (string[])["--json", "--login", "--with-ssh", "-J", "--known-hosts", "--timeout", "--events", "--since", "--follow", "--home", "--client-ip", "--sshd-config", "--lang", "--no-color", "--version"])
        {
            Assert.Contains(option, text, StringComparison.Ordinal);
        }

        foreach (var (id, _) in DiagnosisIds.All)
        {
            Assert.Contains(id, text, StringComparison.Ordinal);
            Assert.Contains(DiagnosisCatalogue.GeneralTitle(id, lang), text, StringComparison.Ordinal);
        }

        Assert.Contains(language == "ja" ? "終了ステータス" : "EXIT STATUS", text, StringComparison.Ordinal);
        Assert.Contains(language == "ja" ? "問題を診断しました" : "A problem was diagnosed", text, StringComparison.Ordinal);
    }
}
