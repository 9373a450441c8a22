namespace SshDoctor.Tests.Samples;

/// <summary>The project's C# sources, for the conventions tests that read every file of a tree (build output left out).</summary>
internal static class SourceFiles
{
    /// <summary><c>src/</c> of the repository.</summary>
    public static string Root { get; } = Path.Combine(SampleFiles.RepositoryRoot, "src");

    /// <summary>Every .cs file under <paramref name="root"/>, as a path relative to it with forward slashes (a test case name).</summary>
    public static TheoryData<string> Under(string root) =>
        [.. Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))];
}
