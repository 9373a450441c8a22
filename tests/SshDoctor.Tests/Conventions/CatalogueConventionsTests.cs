using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Rules;
using SshDoctor.Localization;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Conventions;

/// <summary>Every diagnosis id has knowledge in each language, a rule that can produce it, and a test that names it.</summary>
public class CatalogueConventionsTests
{
    /// <summary>
    /// Ids no rule produces, and why. The probe's observations are judged by the same rule set as a log's, so an id only
    /// the probe can show has its rule there too (<see cref="RuleConventionsTests"/> checks every rule lists what it makes).
    /// </summary>
    private static readonly Dictionary<string, string> RuleComesWith = new(StringComparer.Ordinal)
    {
        [DiagnosisIds.Ok] = "not a problem: explain reports status ok with an empty list",
    };

    public static TheoryData<string> Ids() => [.. DiagnosisIds.All.Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_id_has_english_and_japanese_knowledge_with_the_same_fixes(string id)
    {
        Assert.True(DiagnosisCatalogue.Has(id, Language.English), $"{id} has no English text");
        Assert.True(DiagnosisCatalogue.Has(id, Language.Japanese), $"{id} has no Japanese text");
        var en = DiagnosisCatalogue.Get(id, Language.English);
        var ja = DiagnosisCatalogue.Get(id, Language.Japanese);
        Assert.False(string.IsNullOrWhiteSpace(en.Title));
        Assert.False(string.IsNullOrWhiteSpace(ja.Title));
        Assert.Equal(en.Fixes.Count, ja.Fixes.Count);
        Assert.Equal(en.Fixes.Select(f => f.Automatic), ja.Fixes.Select(f => f.Automatic));
        Assert.Equal(en.Fixes.Select(f => f.Command), ja.Fixes.Select(f => f.Command));
        Assert.Equal(en.OnWindows?.Select(f => f.Command), ja.OnWindows?.Select(f => f.Command));
        Assert.All(en.OnWindows ?? [], f => Assert.False(f.Automatic, $"{id}: ssh-doctor fix works on Unix modes, not on Windows access lists"));
        Assert.Contains(ja.Title + ja.Explanation, c => c > '\u3000');
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_id_has_a_rule_that_can_produce_it(string id)
    {
        if (RuleComesWith.ContainsKey(id))
        {
            Assert.DoesNotContain(RuleSet.All, r => r.Produces.Contains(id));
            return;
        }

        Assert.True(RuleSet.All.Any(r => r.Produces.Contains(id)), $"no rule produces {id}");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_id_with_a_rule_is_named_by_a_test_or_a_sample(string id)
    {
        if (RuleComesWith.ContainsKey(id))
        {
            return;
        }

        var constant = typeof(DiagnosisIds).GetFields().FirstOrDefault(f => f.IsLiteral && (string?)f.GetRawConstantValue() == id)?.Name;
        var testRoot = Path.GetFullPath(Path.Combine(SampleFiles.Root, ".."));
        var integrationRoot = Path.GetFullPath(Path.Combine(testRoot, "..", "SshDoctor.IntegrationTests"));
        var named = Directory.EnumerateFiles(testRoot, "*", SearchOption.AllDirectories)
            .Concat(Directory.Exists(integrationRoot) ? Directory.EnumerateFiles(integrationRoot, "*.cs", SearchOption.AllDirectories) : [])
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".log", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith("CatalogueConventionsTests.cs", StringComparison.Ordinal))
            .Any(f => File.ReadAllText(f).Contains($"\"{id}\"", StringComparison.Ordinal) || File.ReadAllText(f).Contains($"expect: {id}", StringComparison.Ordinal)
                || File.ReadAllText(f).Contains($"also: {id}", StringComparison.Ordinal)
                || (constant is not null && f.EndsWith(".cs", StringComparison.Ordinal) && File.ReadAllText(f).Contains($"DiagnosisIds.{constant}", StringComparison.Ordinal)));
        Assert.True(named, $"no test or sample names {id}");
    }

    [Fact]
    public void Every_rule_produces_only_known_ids()
    {
        foreach (var rule in RuleSet.All)
        {
            Assert.All(rule.Produces, id => Assert.True(DiagnosisIds.IsKnown(id), $"{rule.GetType().Name} produces unknown id {id}"));
        }
    }
}
