using System.Text.Json.Serialization;

namespace SshDoctor.Reporting;

/// <summary>Source-generated JSON for the fix contracts: no reflection, NativeAOT-safe.</summary>
[JsonSerializable(typeof(FixRunReport))]
[JsonSerializable(typeof(UndoReport))]
internal sealed partial class FixReportJsonContext : JsonSerializerContext;
