using System.Runtime.CompilerServices;

namespace SshDoctor.Tests.Samples;

/// <summary>Finds the committed sample files (tests/SshDoctor.Tests/Samples/...) from the source tree, not the build output.</summary>
internal static class SampleFiles
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "Samples"));

    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(Root, "..", "..", ".."));

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>fail2ban's annotated sshd samples (../shared/corpora/fail2ban-sshd beside the checkout, not copied into it).</summary>
    public static string Fail2banCorpus { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpora", "fail2ban-sshd"));

    /// <summary>
    /// The named files of <see cref="Fail2banCorpus"/>; none where the corpus is absent (a local checkout elsewhere),
    /// which is an error under CI=true: a test must not pass by silently reading less.
    /// </summary>
    public static IReadOnlyList<string> Fail2banCorpusFiles(params string[] names)
    {
        if (!Directory.Exists(Fail2banCorpus))
        {
            return Environment.GetEnvironmentVariable("CI") == "true"
                ? throw new DirectoryNotFoundException($"fail2ban corpus missing at {Fail2banCorpus} (required under CI=true)")
                : [];
        }

        var files = names.Select(name => Path.Combine(Fail2banCorpus, name)).ToList();
        var missing = files.Where(file => !File.Exists(file)).ToList();
        return missing.Count == 0 ? files : throw new FileNotFoundException("fail2ban corpus files missing: " + string.Join(", ", missing));
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
