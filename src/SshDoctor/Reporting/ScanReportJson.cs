using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SshDoctor.Reporting;

/// <summary>Writes and reads <c>scan --json</c> like <see cref="ReportJson"/>: every string through <see cref="SafeText"/>.</summary>
public static class ScanReportJson
{
    private static readonly ScanReportJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new SafeStringJsonConverter() },
    });

    public static string Serialize(ScanReport report) => JsonSerializer.Serialize(report, Context.ScanReport);

    public static ScanReport? Deserialize(string json) => JsonSerializer.Deserialize(json, Context.ScanReport);
}

/// <summary>Source-generated JSON for the scan report: no reflection, NativeAOT-safe.</summary>
[JsonSerializable(typeof(ScanReport))]
internal sealed partial class ScanReportJsonContext : JsonSerializerContext;
