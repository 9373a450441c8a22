using SshDoctor.Localization;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>The words of <c>logs</c>' human output, in each language.</summary>
internal sealed record LogsText(
    string Reading,
    string Lines,
    string SshLines,
    string Recognised,
    string Unknown,
    string OtherPrograms,
    string Span,
    string Failures,
    string NoFailures,
    string ByDiagnosis,
    string Events,
    string TopAddresses,
    string TopUsers,
    string PerHour,
    string PerDay,
    string Bans,
    string NoBans,
    string Stories,
    string Connections,
    string UnknownLines,
    string UnknownHint,
    string Approximate,
    string Cut)
{
    public static LogsText For(Language language) => language == Language.Japanese ? Japanese : English;

    public static LogsText English { get; } = new(
        "Read", "lines", "SSH lines", "recognised", "unknown", "other programs", "From", "Failures", "No failure found.",
        "Failures by diagnosis", "Other events", "Top source addresses (failures)", "Top users (failures)",
        "Failures per hour", "Failures per day", "Bans seen", "No ban seen.", "Failed connections, line by line",
        "connections", "Lines not recognised", "list them with --unknown", "approximate: only the most frequent are kept",
        "cut (too long)");

    public static LogsText Japanese { get; } = new(
        "読み込み", "行", "SSH の行", "件を認識", "件は不明", "ほかのプログラム", "期間", "失敗", "失敗は見つかりませんでした。",
        "診断ごとの失敗", "そのほかのイベント", "失敗の多い接続元アドレス", "失敗の多いユーザー",
        "1 時間ごとの失敗", "1 日ごとの失敗", "BAN の記録", "BAN の記録はありません。", "失敗した接続の経過",
        "接続", "認識できなかった行", "--unknown で一覧表示", "概数: 頻度の高いものだけを保持",
        "切り詰め (長すぎる行)");
}
