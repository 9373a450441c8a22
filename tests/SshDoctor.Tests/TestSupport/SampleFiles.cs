using System.Runtime.CompilerServices;

namespace SshDoctor.Tests.Samples;

/// <summary>Finds the committed sample files (tests/SshDoctor.Tests/Samples/...) from the source tree, not the build output.</summary>
internal static class SampleFiles
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "Samples"));

    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(Root, "..", "..", ".."));

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
