using SshDoctor.Localization;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Commands;

/// <summary>What the user asked <c>logs</c> for, parsed and checked.</summary>
internal sealed record LogsOptions(LogsFormat Format, LogFilter Filter, bool Follow, bool ListUnknown, IReadOnlyList<string> Files, Language Language, TimeProvider Clock);
