using SshDoctor.Localization;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>The words of <c>logs</c>' human output, in each language.</summary>
internal sealed record LogsText
{
    public static LogsText For(Language language) => language == Language.Japanese ? Japanese : English;

    public static LogsText English { get; } = new()
    {
        Reading = "Read",
        Lines = "lines",
        SshLines = "SSH lines",
        Recognised = "recognised",
        Unknown = "unknown",
        OtherPrograms = "other programs",
        Span = "From",
        Failures = "Failures",
        NoFailures = "No failure found.",
        ByDiagnosis = "Failures by diagnosis",
        Events = "Other events",
        TopAddresses = "Top source addresses (failures)",
        TopUsers = "Top users (failures)",
        Attempts = "Failed attempts before authentication (probes, scanners, connections given up)",
        TopAttemptAddresses = "Top source addresses (attempts before authentication)",
        TopAttemptUsers = "Top users (attempts before authentication)",
        PerHour = "Failures per hour",
        PerDay = "Failures per day",
        Bans = "Bans seen",
        NoBans = "No ban seen.",
        Stories = "Failed connections, line by line",
        Connections = "connections",
        UnknownLines = "Lines not recognised",
        UnknownHint = "list them with --unknown",
        Approximate = "approximate: only the most frequent are kept",
        Cut = "cut (too long)",
    };

    public static LogsText Japanese { get; } = new()
    {
        Reading = "読み込み",
        Lines = "行",
        SshLines = "SSH の行",
        Recognised = "件を認識",
        Unknown = "件は不明",
        OtherPrograms = "ほかのプログラム",
        Span = "期間",
        Failures = "失敗",
        NoFailures = "失敗は見つかりませんでした。",
        ByDiagnosis = "診断ごとの失敗",
        Events = "そのほかのイベント",
        TopAddresses = "失敗の多い接続元アドレス",
        TopUsers = "失敗の多いユーザー",
        Attempts = "認証前に終わった試行 (プローブ、スキャナー、途中で切れた接続)",
        TopAttemptAddresses = "認証前の試行が多い接続元アドレス",
        TopAttemptUsers = "認証前の試行が多いユーザー",
        PerHour = "1 時間ごとの失敗",
        PerDay = "1 日ごとの失敗",
        Bans = "BAN の記録",
        NoBans = "BAN の記録はありません。",
        Stories = "失敗した接続の経過",
        Connections = "接続",
        UnknownLines = "認識できなかった行",
        UnknownHint = "--unknown で一覧表示",
        Approximate = "概数: 頻度の高いものだけを保持",
        Cut = "切り詰め (長すぎる行)",
    };

    public required string Reading { get; init; }

    public required string Lines { get; init; }

    public required string SshLines { get; init; }

    public required string Recognised { get; init; }

    public required string Unknown { get; init; }

    public required string OtherPrograms { get; init; }

    public required string Span { get; init; }

    public required string Failures { get; init; }

    public required string NoFailures { get; init; }

    public required string ByDiagnosis { get; init; }

    public required string Events { get; init; }

    public required string TopAddresses { get; init; }

    public required string TopUsers { get; init; }

    public required string Attempts { get; init; }

    public required string TopAttemptAddresses { get; init; }

    public required string TopAttemptUsers { get; init; }

    public required string PerHour { get; init; }

    public required string PerDay { get; init; }

    public required string Bans { get; init; }

    public required string NoBans { get; init; }

    public required string Stories { get; init; }

    public required string Connections { get; init; }

    public required string UnknownLines { get; init; }

    public required string UnknownHint { get; init; }

    public required string Approximate { get; init; }

    public required string Cut { get; init; }
}
