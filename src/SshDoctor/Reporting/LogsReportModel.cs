using System.Text.Json.Serialization;

namespace SshDoctor.Reporting;

/// <summary>
/// <c>logs --json</c> as data (schema ssh-doctor/1, command logs, snake_case keys through <see cref="LogsReportJson"/>).
/// Members are written in declaration order; a missing time is written as null, not left out.
/// </summary>
public sealed record LogsReport(
    string Schema,
    string Command,
    string Status,
    IReadOnlyList<LogsSource> Sources,
    LogsTotals Totals,
    string? First,
    string? Last,
    IReadOnlyList<LogsDiagnosisCount> Diagnoses,
    IReadOnlyList<LogsEventCount> Events,
    IReadOnlyList<LogsAddressCount> TopAddresses,
    bool TopAddressesApproximate,
    IReadOnlyList<LogsUserCount> TopUsers,
    bool TopUsersApproximate,
    IReadOnlyList<LogsAddressAttempts> TopAttemptAddresses,
    bool TopAttemptAddressesApproximate,
    IReadOnlyList<LogsUserAttempts> TopAttemptUsers,
    bool TopAttemptUsersApproximate,
    IReadOnlyList<LogsHourCount> FailuresPerHour,
    LogsBans Bans,
    IReadOnlyList<LogsStoryCount> Stories,
    LogsUnknown Unknown);

public sealed record LogsSource(string Name, string Kind, long Bytes, long Lines, long Recognised, IReadOnlyList<string> Notes);

/// <summary><c>attempts</c>: failed attempts that prove no diagnosis (pre-authentication endings, probes, scanners), beside <c>failures</c>.</summary>
public sealed record LogsTotals(long Lines, long SshLines, long Recognised, long Unknown, long Cut, long OtherPrograms, long Blank, long Failures, long Attempts);

/// <summary>A diagnosis id and its count; <c>stage</c> and <c>title</c> only for an id the catalogue knows.</summary>
public sealed record LogsDiagnosisCount(
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Stage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title,
    long Count,
    string? First,
    string? Last);

public sealed record LogsEventCount(string Kind, long Count, string? First, string? Last);

public sealed record LogsAddressCount(string Ip, long Failures, string? First, string? Last);

public sealed record LogsUserCount(string User, long Failures, string? First, string? Last);

public sealed record LogsAddressAttempts(string Ip, long Attempts, string? First, string? Last);

public sealed record LogsUserAttempts(string User, long Attempts, string? First, string? Last);

public sealed record LogsHourCount(string Hour, long Failures);

public sealed record LogsBans(long Count, IReadOnlyList<LogsBan> List);

public sealed record LogsBan(string? Time, string Action, string? Ip, string Where);

public sealed record LogsStoryCount(string Story, long Connections, string? First, string? Last);

public sealed record LogsUnknown(long Count, IReadOnlyList<LogsUnknownLine> Lines);

public sealed record LogsUnknownLine(string Where, bool Cut, string Text);
