using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SshDoctor.Reporting;

/// <summary>Writes the fix and undo contracts like <see cref="ReportJson"/>: every string through <see cref="SafeText"/>.</summary>
public static class FixReportJson
{
    private static readonly FixReportJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new SafeStringJsonConverter() },
    });

    public static string Serialize(FixRunReport report) => JsonSerializer.Serialize(report, Context.FixRunReport);

    public static string Serialize(UndoReport report) => JsonSerializer.Serialize(report, Context.UndoReport);

    public static FixRunReport? DeserializeRun(string json) => JsonSerializer.Deserialize(json, Context.FixRunReport);
}
