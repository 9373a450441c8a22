using System.Globalization;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Install.Infrastructure;

/// <summary>
/// The two install paths besides the launcher, made once for the tests that compare them: the .deb built by
/// build/deb.sh from the launcher's native binary and installed with <c>dpkg --root</c> into a throwaway root (its
/// dpkg database holds only this machine's entries for the packages the .deb depends on), and the .NET tool packed from
/// the tests' own build and installed as the README says, <c>dotnet tool install -g</c>, from a local folder feed into a
/// temporary home (HOME and DOTNET_CLI_HOME: the tool lands in its ~/.dotnet/tools, the real home is not touched).
/// </summary>
public sealed class InstalledCopies : IDisposable
{
    private readonly TempDirectory _directory = new();
    private string? _skip;
    private readonly string? _failure;

    public InstalledCopies()
    {
        try
        {
            Prepare();
        }
#pragma warning disable CA1031 // the reason is reported by every test that uses the copies
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failure = e.ToString();
        }
    }

    public string DebPath { get; private set; } = "";

    public string DebRoot { get; private set; } = "";

    /// <summary>/usr/bin/ssh-doctor inside the throwaway root.</summary>
    public string DebBinary => Path.Combine(DebRoot, "usr", "bin", "ssh-doctor");

    public string Nupkg { get; private set; } = "";

    /// <summary>The command <c>dotnet tool install -g</c> put in the temporary home's ~/.dotnet/tools.</summary>
    public string ToolBinary { get; private set; } = "";

    public string Temp(string name) => _directory.File(name);

    /// <summary>Skips (fails under CI=true) when the copies could not be made here; fails when making them failed.</summary>
    public void Require()
    {
        Checkout.Require(_skip is null, _skip ?? "");
        Assert.True(_failure is null, _failure);
    }

    /// <summary>A throwaway root whose dpkg database knows this machine's C library and OpenSSL packages (or nothing).</summary>
    public static string MakeDpkgRoot(string path, bool withDependencies)
    {
        foreach (var directory in (string[])["info", "updates", "triggers"])
        {
            Directory.CreateDirectory(Path.Combine(path, "var", "lib", "dpkg", directory));
        }

        var status = Path.Combine(path, "var", "lib", "dpkg", "status");
        File.WriteAllText(status, "");
        if (withDependencies)
        {
            var query = Programs.Bash("for p in libc6 libssl3 libssl3t64; do dpkg-query -s $p 2>/dev/null && echo; done");
            File.WriteAllText(status, query.Stdout);
            foreach (var package in query.Stdout.Split('\n').Where(l => l.StartsWith("Package: ", StringComparison.Ordinal)).Select(l => l[9..].Trim()))
            {
                var arch = Programs.Bash("dpkg --print-architecture").Stdout.Trim();
                File.WriteAllText(Path.Combine(path, "var", "lib", "dpkg", "info", $"{package}:{arch}.list"), "");
            }
        }

        return path;
    }

    public static string DebianArchitecture => Programs.Bash("dpkg --print-architecture").Stdout.Trim();

    public void Dispose()
    {
        if (DebRoot.Length > 0 && File.Exists(DebBinary))
        {
            Programs.Run("dpkg", ["--root=" + DebRoot, "--purge", "ssh-doctor"]);
        }

        _directory.Dispose();
    }

    private void Prepare()
    {
        if (!Shell.IsRoot || !Programs.Has("dpkg-deb"))
        {
            _skip = "dpkg --root needs root and dpkg";
            return;
        }

        var native = Checkout.NativeBinary;
        var stale = Checkout.NativeStaleness();
        if (stale is not null)
        {
            _skip = $"the launcher's native binary is not up to date ({stale}): run ./ssh-doctor once, or bash tests/run.sh";
            return;
        }

        // xz of a 20 MB binary: seconds alone, minutes on a busy 2-core machine (an upper bound, not a timing assertion).
        var build = Programs.Run("/bin/bash", [Path.Combine(Checkout.Root, "build", "deb.sh"), native, DebianArchitecture, _directory.File("deb")], timeoutSeconds: 900);
        if (build.Code != 0)
        {
            throw new InvalidOperationException("build/deb.sh failed: " + build);
        }

        DebPath = build.Stdout.Trim();
        DebRoot = MakeDpkgRoot(_directory.File("root"), withDependencies: true);
        var install = Programs.Run("dpkg", ["--root=" + DebRoot, "-i", DebPath]);
        if (install.Code != 0)
        {
            throw new InvalidOperationException("dpkg -i failed: " + install);
        }

        var feed = _directory.File("feed");
        var pack = Programs.Run("dotnet", ["pack", Path.Combine(Checkout.Root, "src", "SshDoctor.Cli"), "-c", "Release", "--no-build", "-o", feed, "-nologo"], timeoutSeconds: 600);
        if (pack.Code != 0)
        {
            throw new InvalidOperationException("dotnet pack failed: " + pack);
        }

        Nupkg = Directory.GetFiles(feed, "ssh-doctor.*.nupkg").Single();
        var config = _directory.File("nuget.config");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
            </configuration>
            """));
        var home = Directory.CreateDirectory(_directory.File("tool-home")).FullName;
        var toolEnvironment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = Path.Combine(home, ".nuget", "packages"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        var version = Path.GetFileNameWithoutExtension(Nupkg)["ssh-doctor.".Length..];
        var tool = Programs.Run("dotnet", ["tool", "install", "-g", "ssh-doctor", "--configfile", config, "--version", version], toolEnvironment, timeoutSeconds: 600);
        if (tool.Code != 0)
        {
            throw new InvalidOperationException("dotnet tool install -g failed: " + tool);
        }

        ToolBinary = Path.Combine(home, ".dotnet", "tools", "ssh-doctor");
    }
}

[CollectionDefinition(Name)]
public sealed class InstalledCopiesCollection : ICollectionFixture<InstalledCopies>
{
    public const string Name = "installed copies";
}
