using System.Text.Json;
using System.Text.Json.Serialization;

namespace SshDoctor.Reporting;

/// <summary>
/// Every string of the report passes <see cref="SafeText"/> on its way into JSON: a lone surrogate (from a broken
/// input) cannot stop the writer, and <c>jq -r</c> of a field cannot drive a terminal. Newlines stay (they are JSON
/// escapes, and the explanations have paragraphs).
/// </summary>
internal sealed class SafeStringJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(SafeText.EscapeKeepingNewlines(value));

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(SafeText.Escape(value));
}
