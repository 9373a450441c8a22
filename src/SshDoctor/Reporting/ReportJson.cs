using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SshDoctor.Reporting;

/// <summary>
/// Writes and reads the report contract. Non-ASCII (Japanese) text is written as is, not as \u escapes; every string
/// passes <see cref="SafeText"/> (<see cref="SafeStringJsonConverter"/>).
/// </summary>
public static class ReportJson
{
    private static readonly ReportJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new SafeStringJsonConverter() },
    });

    public static string Serialize(Report report) => JsonSerializer.Serialize(report, Context.Report);

    public static Report? Deserialize(string json) => JsonSerializer.Deserialize(json, Context.Report);
}
