using SshDoctor.Fuzz;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Fuzz;

/// <summary>
/// Every committed fuzz input through its harness, without afl-fuzz: the seed corpus (tests/fuzz/corpus/HARNESS) and
/// every input that once crashed or hung (tests/fuzz/crashes/HARNESS), so a fixed crash stays fixed in the normal run.
/// </summary>
public class FuzzRegressionTests
{
    private static readonly string FuzzRoot = Path.Combine(SampleFiles.RepositoryRoot, "tests", "fuzz");

    public static TheoryData<string, string> SavedInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in (string[])["corpus", "crashes"])
        {
            foreach (var harness in HarnessList.All)
            {
                var folder = Path.Combine(FuzzRoot, kind, harness.Name);
                if (!Directory.Exists(folder))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
                {
                    data.Add(harness.Name, $"{kind}/{harness.Name}/{Path.GetFileName(file)}");
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SavedInputs))]
    public void Saved_input_runs_clean_through_its_harness(string harness, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(FuzzRoot, file));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        HarnessList.Find(harness)!.Run(input);

        // run.sh's hang bound is 5 s under afl-fuzz; alone and uninstrumented an input must finish well within it.
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5), $"{file} took too long");
    }

    [Fact]
    public void Every_harness_has_a_seed_corpus()
    {
        foreach (var harness in HarnessList.All)
        {
            var folder = Path.Combine(FuzzRoot, "corpus", harness.Name);
            Assert.True(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(), $"no seed corpus for {harness.Name} in {folder}");
        }
    }
}
