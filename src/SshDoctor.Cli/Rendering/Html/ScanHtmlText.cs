using SshDoctor.Localization;

namespace SshDoctor.Cli.Rendering.Html;

/// <summary>The words of the <c>scan --html</c> page, in each language (finding and change names come from <see cref="ScanText"/>).</summary>
internal sealed record ScanHtmlText(
    string Title,
    string Started,
    string Hosts,
    string Ok,
    string Failed,
    string Seconds,
    string Outcomes,
    string Algorithms,
    string HostKeyTypes,
    string Changes,
    string FirstScan,
    string Filter,
    string AllOutcomes,
    string Shown,
    string Legacy,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> ChangeColumns)
{
    public static ScanHtmlText For(Language language) => language == Language.Japanese ? Japanese : English;

    public static ScanHtmlText English { get; } = new(
        "ssh-doctor scan", "started", "hosts", "ok", "failed", "s",
        "Outcomes", "Algorithms offered across the fleet (hosts offering each)", "Host key types", "Changes since the last scan",
        "No host was in the history before this scan: nothing to compare yet.",
        "Filter (any text)", "all outcomes", "hosts shown", "legacy",
        ["Host", "Outcome", "Addresses", "Banner", "Host key", "Fingerprint", "known_hosts", "Findings", "Changes", "ms", "Source"],
        ["Host", "Change", "Before", "After", "Previous scan", "This scan"]);

    public static ScanHtmlText Japanese { get; } = new(
        "ssh-doctor scan", "開始", "台", "正常", "失敗", "秒",
        "結果", "フリート全体で提示されたアルゴリズム（提示したホスト数）", "ホスト鍵の種類", "前回のスキャンからの変化",
        "このスキャンより前の記録があるホストはありません。比べる対象はまだありません。",
        "絞り込み（任意の文字列）", "すべての結果", "台を表示", "古い",
        ["ホスト", "結果", "アドレス", "バナー", "ホスト鍵", "フィンガープリント", "known_hosts", "検出事項", "変化", "ミリ秒", "出典"],
        ["ホスト", "変化", "前", "後", "前回のスキャン", "今回のスキャン"]);
}
