using System.Text.RegularExpressions;
using SshDoctor.Audit;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Rules;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Conventions;

/// <summary>
/// One rule set for every command: a diagnosis is made by a rule of <see cref="RuleSet"/> (over a log's sessions, a
/// probe's observations or what an audit check saw), never decided inline where evidence is gathered; and a rule names
/// in <see cref="IRule.Produces"/> every id it makes, so <see cref="CatalogueConventionsTests"/> (a rule, EN and JA
/// texts, a test) and <see cref="DiagnosisDocsTests"/> (a page) cover every id any command can print.
/// </summary>
public sealed partial class RuleConventionsTests
{
    private static readonly string Source = Path.Combine(SampleFiles.RepositoryRoot, "src");

    /// <summary>The few places outside the rules that make a diagnosis, and why.</summary>
    private static readonly Dictionary<string, string> MadeElsewhere = new(StringComparer.Ordinal)
    {
        ["SshDoctor/Diagnosis/Diagnosis.cs"] = "the constructor itself",
        ["SshDoctor/Diagnosis/Observations/Observation.cs"] = "the helper the rules call for a probe observation",
        ["SshDoctor.Cli/Commands/CatalogueEntry.cs"] = "`explain ID` prints the catalogue entry of an id: no evidence, no verdict",
    };

    [Fact]
    public void Diagnoses_are_made_by_rules_only()
    {
        var offenders = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(Source, f).Replace(Path.DirectorySeparatorChar, '/'), Text: File.ReadAllText(f)))
            .Where(f => !f.File.StartsWith("SshDoctor/Diagnosis/Rules/", StringComparison.Ordinal))
            .Where(f => !MadeElsewhere.ContainsKey(f.File))
            .Where(f => MakesDiagnosis().IsMatch(f.Text))
            .Select(f => f.File)
            .ToList();
        Assert.True(offenders.Count == 0, "a diagnosis decided outside Diagnosis/Rules (record an observation and let a rule judge it): " + string.Join(", ", offenders));
    }

    public static TheoryData<string> Rules() => [.. RuleSet.All.Select(r => r.GetType().Name)];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_id_a_rule_makes_is_in_its_Produces(string rule)
    {
        var path = Path.Combine(Source, "SshDoctor", "Diagnosis", "Rules", rule + ".cs");
        Assert.True(File.Exists(path), $"{rule} is not in its own file under Diagnosis/Rules");
        var produces = RuleSet.All.Single(r => r.GetType().Name == rule).Produces;
        var constants = typeof(DiagnosisIds).GetFields()
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);
        var made = MadeId().Matches(File.ReadAllText(path))
            .Select(m => m.Groups["id"].Value.Replace("DiagnosisIds.", "", StringComparison.Ordinal))
            .Where(constants.ContainsKey)
            .Select(name => constants[name])
            .Distinct()
            .ToList();
        Assert.All(made, id => Assert.True(produces.Contains(id), $"{rule} makes {id} but does not list it in Produces"));
    }

    [Fact]
    public void The_rules_only_judge_and_never_read_files_or_the_network()
    {
        var rules = Directory.EnumerateFiles(Path.Combine(Source, "SshDoctor", "Diagnosis", "Rules"), "*.cs")
            .Where(f => ReadsTheWorld().IsMatch(File.ReadAllText(f)))
            .Select(Path.GetFileName)
            .ToList();
        Assert.True(rules.Count == 0, "a rule is a pure function of its observations: " + string.Join(", ", rules));
    }

    [Fact]
    public void Every_problem_an_audit_check_reports_has_a_verdict_and_a_text()
    {
        var codes = Directory.EnumerateFiles(Path.Combine(Source, "SshDoctor", "Audit"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => ProblemCode().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value))
            .ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.True(AuditRule.Codes.Contains(code), $"an audit reports the problem {code}, which AuditRule does not judge"));
        Assert.All(AuditRule.Codes, code => Assert.True(FindingTexts.Has(code), $"{code} has no finding text"));
    }

    /// <summary>The literal finding code of <c>sink.Problem("CODE"</c> (the include-loop codes are built from a prefix).</summary>
    [GeneratedRegex(@"sink\.Problem\(\s*(?:confirmed: [^,]+,\s*)?""(?<code>[a-z0-9.-]+)""")]
    private static partial Regex ProblemCode();

    [GeneratedRegex(@"\bDiagnosis(?:\.Diagnosis)?\.Create\(|\bnew Diagnosis(?:\.Diagnosis)?\(|\.Diagnose\(")]
    private static partial Regex MakesDiagnosis();

    /// <summary>The id argument of <c>Diagnosis.Create(ID</c>, <c>.Diagnose(ID</c>, or <c>with { Id = ID</c>.</summary>
    [GeneratedRegex(@"(?:Diagnosis\.Create\(|\.Diagnose\(|\bId = )\s*(?<id>(?:DiagnosisIds\.)?[A-Z]\w+)")]
    private static partial Regex MadeId();

    [GeneratedRegex(@"\b(?:File\.|Directory\.|FileStream|Socket\(|HttpClient|Process\.|NativeUnix\.|DateTime(?:Offset)?\.(?:Utc)?Now)")]
    private static partial Regex ReadsTheWorld();
}
