using System.Text.Json.Serialization;

namespace SshDoctor.Fixes.Records;

/// <summary>Source-generated JSON for records: no reflection, NativeAOT-safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(FixRecord))]
internal sealed partial class FixRecordJsonContext : JsonSerializerContext;
