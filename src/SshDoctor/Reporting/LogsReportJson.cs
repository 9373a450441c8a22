using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SshDoctor.Reporting;

/// <summary>
/// Writes <c>logs --json</c> through the source-generated serializer, like the other commands' JSON. The summary is
/// small (its lists are bounded), so it is built whole; the per-line <c>--events</c> stream keeps its own writer.
/// </summary>
public static class LogsReportJson
{
    private static readonly LogsReportJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static void Write(Stream output, LogsReport report)
    {
        JsonSerializer.Serialize(output, report, Context.LogsReport);
        output.WriteByte((byte)'\n');
    }
}

/// <summary>Source-generated JSON for the logs summary: no reflection, NativeAOT-safe.</summary>
[JsonSerializable(typeof(LogsReport))]
internal sealed partial class LogsReportJsonContext : JsonSerializerContext;
