using System.Text;
using SshDoctor.Explain;
using SshDoctor.Logs.Input;

namespace SshDoctor.Tests.Explain;

/// <summary>Runs explain over text or files, as the CLI does.</summary>
internal static class ExplainHelper
{
    public static ExplainResult OfText(params string[] texts) =>
        Explainer.Explain(texts.Select((t, i) => BoundedLineReader.Read($"input{i + 1}", new MemoryStream(Encoding.UTF8.GetBytes(t)), InputLimits.Default)));

    public static ExplainResult OfFiles(params string[] paths) =>
        Explainer.Explain(paths.Select(p => BoundedLineReader.ReadFile(p, InputLimits.Default)));

    public static string? RootCause(this ExplainResult result) => result.Diagnoses.Count > 0 ? result.Diagnoses[0].Id : null;
}
