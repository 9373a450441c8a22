using SshDoctor.IntegrationTests.Install.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Install;

/// <summary>
/// The README's first command, <c>./ssh-doctor</c>: it runs the native binary; without clang it builds and runs the JIT
/// build, says so once, and builds again only when a source changed; a restore that cannot reach the NuGet audit feed
/// does not stop it.
/// </summary>
public sealed class LauncherTests
{
    /// <summary>
    /// The launcher keeps its own `stale` check for the JIT build (no native binary to ask); it must name the same
    /// sources as the native binary's check, or one of the two would miss a change the other rebuilds for.
    /// </summary>
    [Fact]
    public void The_launchers_source_list_is_the_native_binarys()
    {
        var script = File.ReadAllText(Checkout.Launcher);
        var stale = script[script.IndexOf("stale() {", StringComparison.Ordinal)..];
        stale = stale[..stale.IndexOf("\n}", StringComparison.Ordinal)];
        var extensions = System.Text.RegularExpressions.Regex.Matches(stale, @"-name '\*(\.[a-z]+)'").Select(m => m.Groups[1].Value);
        var rootFiles = System.Text.RegularExpressions.Regex.Matches(stale, @"""\$root/([A-Za-z]+(?:\.[A-Za-z]+)+)""").Select(m => m.Groups[1].Value);
        Assert.Equal(SshDoctor.Cli.Launch.CheckoutFreshness.SourceExtensions.Order(StringComparer.Ordinal), extensions.Order(StringComparer.Ordinal));
        Assert.Equal(SshDoctor.Cli.Launch.CheckoutFreshness.RootFiles.Order(StringComparer.Ordinal), rootFiles.Order(StringComparer.Ordinal));
        Assert.Contains("\"$root/src\"", stale, StringComparison.Ordinal);
        Assert.Contains("-name bin -o -name obj", stale, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_the_native_binary()
    {
        Checkout.RequireFreshNative();

        var run = Programs.Run(Checkout.Launcher, ["version", "--json"]);

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("\"native\": true", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void A_symlink_to_the_launcher_runs_the_checkouts_native_binary()
    {
        Checkout.RequireFreshNative();
        using var bin = new TempDirectory();
        File.CreateSymbolicLink(bin.File("ssh-doctor"), Checkout.Launcher);

        var run = Programs.Run(bin.File("ssh-doctor"), ["version", "--json"], workingDirectory: bin.Path);

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("\"native\": true", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void The_native_binary_started_by_the_launcher_hands_back_to_it_when_a_source_is_newer_than_its_build()
    {
        var native = Checkout.RequireFreshNative();
        using var checkout = new TempDirectory();
        Directory.CreateDirectory(checkout.File("src/SshDoctor/Config"));
        Directory.CreateDirectory(checkout.File("src/SshDoctor/obj"));
        Directory.CreateDirectory(checkout.File("artifacts"));
        var launcher = checkout.File("ssh-doctor");
        File.WriteAllText(launcher, "#!/bin/sh\necho \"launcher again: SSH_DOCTOR_REBUILD=$SSH_DOCTOR_REBUILD, stamp=${SSH_DOCTOR_STAMP-unset}, $*\"\n");
        Programs.Run("chmod", ["755", launcher]);
        var source = checkout.File("src/SshDoctor/Config/Parser.cs");
        var stamp = checkout.File("artifacts/aot-build.stamp");
        File.WriteAllText(source, "");
        File.WriteAllText(checkout.File("src/SshDoctor/notes.txt"), "");
        File.WriteAllText(stamp, "");
        var built = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(source, built.AddMinutes(-1));
        File.SetLastWriteTimeUtc(stamp, built);
        var environment = new Dictionary<string, string?> { ["SSH_DOCTOR_LAUNCHER"] = launcher, ["SSH_DOCTOR_STAMP"] = stamp };
        ProgramRun Run() => Programs.Run(native, ["explain", "tcp.refused"], environment, workingDirectory: checkout.Path);

        var fresh = Run();
        Assert.StartsWith("tcp.refused (tcp)", fresh.Stdout, StringComparison.Ordinal);

        // Build output and files a build does not read are not sources.
        File.WriteAllText(checkout.File("src/SshDoctor/obj/project.assets.json"), "");
        File.SetLastWriteTimeUtc(checkout.File("src/SshDoctor/notes.txt"), built.AddMinutes(1));
        Assert.StartsWith("tcp.refused (tcp)", Run().Stdout, StringComparison.Ordinal);

        File.SetLastWriteTimeUtc(source, built.AddSeconds(2));
        var changed = Run();
        Assert.True(changed.Code == 0, changed.ToString());
        Assert.Equal("launcher again: SSH_DOCTOR_REBUILD=1, stamp=unset, explain tcp.refused\n", changed.Stdout);

        File.SetLastWriteTimeUtc(source, built.AddMinutes(-1));
        File.Delete(stamp);
        Assert.StartsWith("launcher again: SSH_DOCTOR_REBUILD=1", Run().Stdout, StringComparison.Ordinal);

        // Without the launcher's variables (an installed binary) nothing is looked at.
        Assert.StartsWith("tcp.refused (tcp)", Programs.Run(native, ["explain", "tcp.refused"], workingDirectory: checkout.Path).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_clang_a_fresh_copy_builds_the_jit_build_says_so_once_and_rebuilds_only_after_a_change()
    {
        Checkout.Require(Programs.Has("dotnet"), "the .NET SDK is not on PATH");
        using var copy = new TempDirectory();
        Programs.Run("cp", ["-r", "src", ".editorconfig", "Directory.Build.props", "Directory.Packages.props", "global.json", "ssh-doctor", copy.Path]);
        Programs.Bash($"rm -rf {copy.Path}/src/*/bin {copy.Path}/src/*/obj");

        // No package source but the local cache, and an audit feed nobody answers at: NU1900 must stay a warning.
        Directory.CreateDirectory(copy.File("no-feed"));
        File.WriteAllText(copy.File("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="none" value="{copy.File("no-feed")}" /></packageSources>
              <auditSources><clear /><add key="unreachable" value="https://127.0.0.1:9/v3/index.json" /></auditSources>
            </configuration>
            """);

        // A PATH with everything /usr/bin has except clang.
        var bin = Directory.CreateDirectory(copy.File("bin-without-clang")).FullName;
        Programs.Bash($"for f in /usr/bin/*; do case ${{f##*/}} in clang*) ;; *) ln -s \"$f\" '{bin}/' ;; esac; done");
        var environment = new Dictionary<string, string?> { ["PATH"] = bin, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        // A full JIT build of a fresh copy: about 2 minutes alone, over 10 on a 2-core machine shared with other builds
        // (an upper bound against a hang, not a timing assertion).
        ProgramRun Launch() => Programs.Run(copy.File("ssh-doctor"), ["explain", "tcp.refused"], environment, workingDirectory: copy.Path, timeoutSeconds: 1800);

        var first = Launch();
        Assert.True(first.Code == 0, first.ToString());
        Assert.StartsWith("tcp.refused (tcp)", first.Stdout, StringComparison.Ordinal);
        Assert.Single(Occurrences(first.Stderr, "clang is not installed"));
        Assert.Contains("building the CLI", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("NU1900", File.ReadAllText(copy.File("artifacts/launcher-build.log")), StringComparison.Ordinal);

        var second = Launch();
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal("", second.Stderr);

        File.SetLastWriteTimeUtc(copy.File("src/SshDoctor.Cli/Program.cs"), DateTime.UtcNow.AddSeconds(2));
        var third = Launch();
        Assert.Equal(first.Stdout, third.Stdout);
        Assert.Contains("building the CLI", third.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("clang", third.Stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<int> Occurrences(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            yield return at;
        }
    }
}
