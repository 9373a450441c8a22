using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SshDoctor.Cli;

/// <summary>What this binary is: its version, the commit it was built from, the runtime under it and whether it is the native build.</summary>
internal static class BuildInfo
{
    // The SDK's source link writes "VERSION+COMMIT" into the informational version when the build ran in a git checkout.
    private static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string Version => Informational.Split('+')[0];

    /// <summary>The full commit id, or null when the build ran outside a git checkout (a source tarball).</summary>
    public static string? Commit => Informational.Split('+') is [_, var commit, ..] && commit.Length > 0 ? commit : null;

    /// <summary>The commit as people quote it (12 characters), or "unknown".</summary>
    public static string ShortCommit => Commit is { } c ? c[..Math.Min(12, c.Length)] : "unknown";

    public static string Runtime => RuntimeInformation.FrameworkDescription;

    /// <summary>True in the NativeAOT binary (no JIT: code cannot be generated at run time).</summary>
    public static bool IsNative => !RuntimeFeature.IsDynamicCodeSupported;

    public static string Architecture => RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();

    /// <summary>The line <c>--version</c> prints.</summary>
    public static string VersionLine => $"ssh-doctor {Version} (commit {ShortCommit})";
}
