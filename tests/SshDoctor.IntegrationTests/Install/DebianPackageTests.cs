using System.Globalization;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.IntegrationTests.Install.Infrastructure;
using SshDoctor.Localization;

namespace SshDoctor.IntegrationTests.Install;

/// <summary>The .deb that build/deb.sh makes with dpkg-deb alone, installed with dpkg into a throwaway root.</summary>
[Collection(InstalledCopiesCollection.Name)]
public sealed class DebianPackageTests(InstalledCopies copies)
{
    private static readonly string[] Files =
    [
        "/usr/bin/ssh-doctor",
        "/usr/share/man/man1/ssh-doctor.1.gz",
        "/usr/share/man/ja/man1/ssh-doctor.1.gz",
        "/usr/share/bash-completion/completions/ssh-doctor",
        "/usr/share/zsh/vendor-completions/_ssh-doctor",
        "/usr/share/fish/vendor_completions.d/ssh-doctor.fish",
        "/usr/share/doc/ssh-doctor/copyright",
    ];

    [Fact]
    public void Depends_names_only_the_c_library_and_openssl_and_openssh_client_and_sqlite_are_only_recommended()
    {
        copies.Require();
        string Field(string name) => Programs.Run("dpkg-deb", ["-f", copies.DebPath, name]).Stdout.Trim();

        Assert.Equal("ssh-doctor", Field("Package"));
        Assert.Equal(InstalledCopies.DebianArchitecture, Field("Architecture"));
        Assert.Matches(@"^libc6 \(>= 2\.\d+\), libssl3 \| libssl3t64$", Field("Depends"));
        Assert.Equal("openssh-client, libsqlite3-0", Field("Recommends")); // scan's history loads it when it opens
        Assert.Matches(@"^\d+\.\d+\.\d+$", Field("Version"));

        // What the binary links (beyond the C library and libm) would need its own Depends entry.
        var needed = Programs.Bash($"readelf -d -W {copies.DebBinary} | sed -n 's/.*(NEEDED).*\\[\\(.*\\)\\]/\\1/p'").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(needed, library => Assert.Matches(@"^(libc\.so\.6|libm\.so\.6|ld-linux.*)$", library));
    }

    [Fact]
    public void The_binary_is_linked_at_a_fixed_address_so_the_loader_relocates_almost_nothing_at_start()
    {
        copies.Require();

        // As a PIE the loader wrote 345,000 pointers into the data at every start, faulting in every page of it: `explain`
        // took three times as long as `ssh -V` (docs/architecture.md, "Start-up"). The few left are libc's.
        Assert.Contains("EXEC (Executable file)", Programs.Run("readelf", ["-h", "-W", copies.DebBinary]).Stdout, StringComparison.Ordinal);
        var relocations = Programs.Bash($"readelf -d -W {copies.DebBinary} | sed -n 's/.*(RELASZ) *\\([0-9]*\\) (bytes).*/\\1/p'").Stdout.Trim();
        Assert.True(long.Parse(relocations, CultureInfo.InvariantCulture) < 64 * 1024, $"{relocations} bytes of relocations");
    }

    [Fact]
    public void Installs_into_a_throwaway_root_runs_and_removes_cleanly()
    {
        copies.Require();
        var root = InstalledCopies.MakeDpkgRoot(copies.Temp("own-root"), withDependencies: true);
        var install = Programs.Run("dpkg", ["--root=" + root, "-i", copies.DebPath]);
        Assert.True(install.Code == 0, install.ToString());

        var listed = Programs.Run("dpkg", ["--root=" + root, "-L", "ssh-doctor"]).Stdout.Split('\n');
        foreach (var file in Files)
        {
            Assert.Contains(file, listed);
            Assert.True(File.Exists(root + file), file);
        }

        var binary = root + "/usr/bin/ssh-doctor";
        var explain = Programs.Run(binary, ["explain", "tcp.refused"]);
        Assert.True(explain.Code == 0, explain.ToString());
        Assert.StartsWith("tcp.refused (tcp)", explain.Stdout, StringComparison.Ordinal);
        var version = Programs.Run(binary, ["version", "--json"]);
        Assert.Contains("\"native\": true", version.Stdout, StringComparison.Ordinal);

        var remove = Programs.Run("dpkg", ["--root=" + root, "-r", "ssh-doctor"]);
        Assert.True(remove.Code == 0, remove.ToString());
        Assert.All(Files.Where(f => !f.Contains("/doc/", StringComparison.Ordinal)), file => Assert.False(File.Exists(root + file), file));
        Assert.DoesNotContain("install ok installed", Programs.Run("dpkg", ["--root=" + root, "-s", "ssh-doctor"]).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_not_configured_where_the_c_library_and_openssl_are_missing()
    {
        copies.Require();
        var root = InstalledCopies.MakeDpkgRoot(copies.Temp("empty-root"), withDependencies: false);

        var install = Programs.Run("dpkg", ["--root=" + root, "-i", copies.DebPath]);

        Assert.NotEqual(0, install.Code);
        Assert.Contains("depends on libc6", install.Stderr, StringComparison.Ordinal);
        Assert.Contains("libssl3", install.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_installed_man_pages_render_with_man_in_english_and_japanese()
    {
        copies.Require();
        Checkout.Require(Programs.Has("man"), "man (man-db) is not installed");
        var environment = new Dictionary<string, string?> { ["MANPATH"] = copies.DebRoot + "/usr/share/man", ["MANWIDTH"] = "2000", ["MAN_DISABLE_SECCOMP"] = "1" };

        var english = Programs.Run("man", ["-l", copies.DebRoot + "/usr/share/man/man1/ssh-doctor.1.gz"], environment);
        Assert.True(english.Code == 0, english.ToString());
        Assert.Contains("EXIT STATUS", english.Stdout, StringComparison.Ordinal);
        Assert.Contains(DiagnosisCatalogue.GeneralTitle(DiagnosisIds.TcpRefused, Language.English), english.Stdout, StringComparison.Ordinal);

        // man -L ja finds the Japanese page where the package put it.
        var where = Programs.Run("man", ["-L", "ja", "-w", "ssh-doctor"], environment);
        Assert.Equal(copies.DebRoot + "/usr/share/man/ja/man1/ssh-doctor.1.gz", where.Stdout.Trim());
        var japanese = Programs.Run("man", ["-L", "ja", "ssh-doctor"], environment);
        Assert.True(japanese.Code == 0, japanese.ToString());
        Assert.Contains("終了ステータス", japanese.Stdout, StringComparison.Ordinal);
        Assert.Contains(DiagnosisCatalogue.GeneralTitle(DiagnosisIds.TcpRefused, Language.Japanese), japanese.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", japanese.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_installed_completions_complete_in_bash_zsh_and_fish_from_their_standard_directories()
    {
        copies.Require();
        using var home = new CompletionHome();
        var environment = home.Environment(copies.DebRoot + "/usr/bin");

        var bash = ShellCompletion.Bash(copies.DebRoot + "/usr/share/bash-completion/completions/ssh-doctor", "ssh-doctor diagnose alice@we", environment);
        Assert.Equal(["alice@web1", "alice@web2"], bash);

        Checkout.Require(Programs.Has("zsh") && Programs.Has("fish"), "zsh and fish (Debian packages) are not installed");
        var zsh = ShellCompletion.Zsh(copies.DebRoot + "/usr/share/zsh/vendor-completions", "ssh-doctor explain tcp.re", environment);
        Assert.Equal(["tcp.refused", "tcp.reset-before-banner"], zsh);

        // fish finds vendor completions through XDG_DATA_DIRS, as it finds /usr/share/fish/vendor_completions.d.
        var fish = ShellCompletion.Fish(null, "ssh-doctor --lang ", new Dictionary<string, string?>(environment) { ["XDG_DATA_DIRS"] = copies.DebRoot + "/usr/share" });
        Assert.Equal(["en", "ja"], fish);
    }
}
