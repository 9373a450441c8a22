using System.Text;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Localization;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Conventions;

/// <summary>
/// docs/diagnoses/ has one page per diagnosis id, written from the catalogue (English and Japanese). The pages are
/// generated, never edited by hand: run the tests with SSH_DOCTOR_UPDATE_DOCS=1 to rewrite them after a catalogue change.
/// </summary>
public class DiagnosisDocsTests
{
    private static readonly string DocsRoot = Path.Combine(SampleFiles.RepositoryRoot, "docs", "diagnoses");

    public static TheoryData<string> Ids() => [.. DiagnosisIds.All.Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_id_has_a_documentation_page_matching_the_catalogue(string id)
    {
        var path = Path.Combine(DocsRoot, id + ".md");
        var expected = Page(id);
        if (Environment.GetEnvironmentVariable("SSH_DOCTOR_UPDATE_DOCS") == "1")
        {
            Directory.CreateDirectory(DocsRoot);
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"docs/diagnoses/{id}.md is missing: run the tests with SSH_DOCTOR_UPDATE_DOCS=1");
        Assert.True(File.ReadAllText(path) == expected, $"docs/diagnoses/{id}.md is out of date: run the tests with SSH_DOCTOR_UPDATE_DOCS=1");
    }

    private static string Page(string id)
    {
        var text = new StringBuilder();
        text.Append("# `").Append(id).Append("`\n\n");
        text.Append("Stage: `").Append(DiagnosisIds.StageOf(id).ToJson()).Append("`. Generated from the catalogue (`src/SshDoctor/Diagnosis/Knowledge`); `ssh-doctor explain ").Append(id).Append("` prints the same.\n");
        foreach (var (language, heading, fixes, onWindows) in new[] { (Language.English, "English", "Fixes", "Fixes when the file is a Windows path (Win32-OpenSSH)"), (Language.Japanese, "日本語", "対処", "ファイルが Windows のパスのときの対処（Win32-OpenSSH）") })
        {
            var entry = DiagnosisCatalogue.Get(id, language);
            text.Append("\n## ").Append(heading).Append("\n\n**").Append(entry.Title).Append("**\n\n").Append(entry.Explanation).Append('\n');
            AppendFixes(text, fixes, entry.Fixes);
            AppendFixes(text, onWindows, entry.OnWindows ?? []);
        }

        return text.ToString();
    }

    private static void AppendFixes(StringBuilder text, string heading, IReadOnlyList<FixText> fixes)
    {
        if (fixes.Count == 0)
        {
            return;
        }

        text.Append("\n### ").Append(heading).Append("\n\n");
        var n = 1;
        foreach (var fix in fixes)
        {
            text.Append(n++).Append(". ").Append(fix.Summary).Append(fix.Automatic ? " *(auto)*" : string.Empty).Append('\n');
            if (fix.Command is not null)
            {
                text.Append("   ```sh\n   ").Append(fix.Command).Append("\n   ```\n");
            }
        }
    }
}
