using System.Collections;
using System.Runtime.InteropServices;
using SshDoctor.Cli.Rendering;

namespace SshDoctor.Cli.Launch;

/// <summary>
/// The checkout launcher's (<c>./ssh-doctor</c>) up-to-date check, done here rather than in the launcher: the launcher
/// execs the binary at once with <c>SSH_DOCTOR_LAUNCHER</c> and <c>SSH_DOCTOR_STAMP</c> set, and the binary compares the
/// sources' times with the stamp of its build (a few hundred stat calls, well under a millisecond) instead of the shell
/// starting <c>find</c> on every run (about 3 ms of CPU time, as much as the whole command). When a source is newer than the
/// stamp, the binary hands over to the launcher again (execve, <c>SSH_DOCTOR_REBUILD=1</c>), which builds and runs the new one.
/// An installed binary (package, dotnet tool) never has the variables set and never looks.
/// </summary>
internal static partial class CheckoutFreshness
{
    public const string LauncherVariable = "SSH_DOCTOR_LAUNCHER";
    public const string StampVariable = "SSH_DOCTOR_STAMP";
    public const string RebuildVariable = "SSH_DOCTOR_REBUILD";

    // The launcher's own list (its `stale` function, which the JIT fallback still needs): what a build reads.
    // LauncherTests checks that the two lists agree.
    internal static readonly string[] SourceExtensions = [".cs", ".csproj", ".props", ".targets", ".json"];
    internal static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json"];

    /// <summary>Hands over to the launcher when this binary was started by it and a source changed since the build; returns otherwise.</summary>
    public static void HandOverIfStale(string[] args)
    {
        var launcher = Environment.GetEnvironmentVariable(LauncherVariable);
        var stamp = Environment.GetEnvironmentVariable(StampVariable);
        if (string.IsNullOrEmpty(launcher) || string.IsNullOrEmpty(stamp) || !OperatingSystem.IsLinux())
        {
            return;
        }

        // Not passed on to what ssh-doctor starts (ssh, sshd -T ...).
        Environment.SetEnvironmentVariable(LauncherVariable, null);
        Environment.SetEnvironmentVariable(StampVariable, null);
        var root = Path.GetDirectoryName(launcher);
        if (root is null || !IsStale(root, stamp))
        {
            return;
        }

        Exec(launcher, args);
    }

    /// <summary>True when the stamp is missing or a source of the checkout at <paramref name="root"/> is newer than it.</summary>
    public static bool IsStale(string root, string stamp) => NewerThanBuild(root, stamp) is not null;

    /// <summary>Why the build at <paramref name="stamp"/> is stale (the stamp is missing, or the first newer source's path); null when it is fresh.</summary>
    public static string? NewerThanBuild(string root, string stamp)
    {
        if (!File.Exists(stamp))
        {
            return "no build stamp " + stamp;
        }

        var built = File.GetLastWriteTimeUtc(stamp);

        foreach (var file in RootFiles)
        {
            var path = Path.Combine(root, file);
            if (File.Exists(path) && File.GetLastWriteTimeUtc(path) > built)
            {
                return path;
            }
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        var sources = new System.IO.Enumeration.FileSystemEnumerable<string?>(
            Path.Combine(root, "src"),
            (ref System.IO.Enumeration.FileSystemEntry entry) => entry.LastWriteTimeUtc > built ? entry.ToFullPath() : null,
            options)
        {
            // Build output (bin/, obj/) is not a source; it changes with every build.
            ShouldRecursePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) => entry.FileName is not ("bin" or "obj"),
            ShouldIncludePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) => !entry.IsDirectory && IsSource(entry.FileName),
        };
        foreach (var newer in sources)
        {
            if (newer is not null)
            {
                return newer;
            }
        }

        return null;
    }

    private static bool IsSource(ReadOnlySpan<char> name)
    {
        foreach (var extension in SourceExtensions)
        {
            if (name.EndsWith(extension, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void Exec(string launcher, string[] args)
    {
        var environment = new List<string>();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment.Add($"{variable.Key}={variable.Value}");
        }

        environment.Add(RebuildVariable + "=1");
        var path = Marshal.StringToCoTaskMemUTF8(launcher);
        var argv = NullTerminated([launcher, .. args]);
        var envp = NullTerminated([.. environment]);
        _ = ExecveNative(path, argv, envp);

        // Only reached when execve failed: run this build as it is, as the launcher would have without a change.
        Terminal.StandardError.WriteLine($"ssh-doctor: a source changed since this build, but {launcher} could not be run to rebuild it ({Marshal.GetLastPInvokeErrorMessage()})");
    }

    private static nint[] NullTerminated(string[] values)
    {
        var pointers = new nint[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            pointers[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
        }

        return pointers;
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks; blittable nint arrays are AOT-safe as they are.
    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int ExecveNative(nint path, nint[] argv, nint[] envp);
#pragma warning restore SYSLIB1054
}
