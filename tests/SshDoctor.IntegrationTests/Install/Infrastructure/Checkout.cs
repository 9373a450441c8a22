using System.Runtime.CompilerServices;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Install.Infrastructure;

/// <summary>The checkout under test: its launcher, the native binary the launcher runs, and the JIT build.</summary>
internal static class Checkout
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "..", ".."));

    public static string Launcher => Path.Combine(Root, "ssh-doctor");

    public static string NativeBinary => Path.Combine(Root, "artifacts", "aot", "ssh-doctor");

    /// <summary>The launcher's record of when the native binary was built from the sources.</summary>
    public static string NativeStamp => Path.Combine(Root, "artifacts", "aot-build.stamp");

    /// <summary>The JIT build the tests were built with (ssh-doctor.dll, run with dotnet).</summary>
    public static string JitDll => typeof(SshDoctor.Cli.ExitCodes).Assembly.Location;

    /// <summary>
    /// The launcher's native binary, up to date with the sources: tests/run.sh publishes it through the launcher before
    /// the tests run. Elsewhere a test that needs it skips (and fails under CI=true) rather than starting a minute-long build.
    /// </summary>
    public static string RequireFreshNative()
    {
        if (NativeStaleness() is { } stale)
        {
            var message = $"the launcher's native binary is not up to date ({stale}): run ./ssh-doctor once, or bash tests/run.sh";
            if (ExternalTool.OnCi)
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        return NativeBinary;
    }

    /// <summary>Why the native binary is not the launcher's up-to-date build (missing, or the first newer source); null when it is.</summary>
    /// <remarks>The binary's own check (<see cref="SshDoctor.Cli.Launch.CheckoutFreshness"/>), not a copy of it.</remarks>
    public static string? NativeStaleness() =>
        File.Exists(NativeBinary) ? SshDoctor.Cli.Launch.CheckoutFreshness.NewerThanBuild(Root, NativeStamp) : "missing";

    public static void Require(bool condition, string reason)
    {
        if (condition)
        {
            return;
        }

        if (ExternalTool.OnCi)
        {
            Assert.Fail("required for this test under CI: " + reason);
        }

        Assert.Skip(reason);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
