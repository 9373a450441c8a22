using System.Globalization;
using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering;

/// <summary>The words of <c>scan</c>'s own output (progress, table headings, finding and change names), in each language.</summary>
internal sealed record ScanText(
    string Scanning,
    string Failed,
    string Left,
    string Scanned,
    string Hosts,
    string Outcomes,
    string Findings,
    string Changes,
    string InventorySkipped,
    string Duplicates,
    string More,
    string NoChanges,
    string Incomplete,
    string Downgrade,
    string StoppedAfter,
    string PreviousIncomplete,
    Func<string, int, int, string> ShardLine,
    IReadOnlyDictionary<string, string> Names)
{
    public static ScanText For(Language language) => language == Language.Japanese ? Japanese : English;

    /// <summary>The heading of a finding or change kind.</summary>
    public string Name(string kind) => Names.TryGetValue(kind, out var name) ? name : kind;

    /// <summary>The name of a change kind (the history's <c>host-key-changed</c> is not known_hosts' finding of the same name).</summary>
    /// <summary>The line saying the scan was stopped, and how far it got.</summary>
    public string Stopped(string signal, int done, int total) =>
        string.Format(CultureInfo.InvariantCulture, StoppedAfter, signal, done, total);

    /// <summary>The line saying the scan compared against was incomplete.</summary>
    public string PreviousWasIncomplete(ScanRecordReport scan) =>
        string.Format(CultureInfo.InvariantCulture, PreviousIncomplete, scan.Id, scan.Started, scan.Recorded, scan.Hosts);

    /// <summary>One host's answers for the user's keys: <c>accepted: a, b; refused: c</c>.</summary>
    public string KeyAnswers(IReadOnlyList<ScanUserKeyReport> keys) =>
        string.Join("; ", keys.GroupBy(k => k.Result, StringComparer.Ordinal).Select(g => $"{Name("key." + g.Key)}: {string.Join(", ", g.Select(k => $"{k.Identity} {k.Fingerprint}"))}"));

    public string ChangeName(string kind) => Names.TryGetValue("change." + kind, out var name) ? name : Name(kind);

    public static ScanText English { get; } = new(
        "scanning", "failed", "left", "Scanned", "hosts", "By outcome", "Findings", "Changes since the last scan",
        "skipped inventory line", "duplicates probed once", "more (--json or --csv lists all)", "No change since the last scan.",
        "incomplete", "downgrade",
        "Stopped by {0} after {1} of {2} hosts: the hosts below are those probed; the history keeps this scan as incomplete.",
        "The last scan (#{0}, started {1}) was incomplete: it recorded {2} of {3} hosts. Changes are against each host's latest record.",
        (shard, hosts, inventory) => $"shard {shard}: {hosts.ToString(CultureInfo.InvariantCulture)} of the inventory's {inventory.ToString(CultureInfo.InvariantCulture)} hosts",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["legacy-algorithms"] = "legacy algorithms offered",
            ["weak-host-key"] = "weak host keys",
            ["host-key-changed"] = "host key changed (known_hosts)",
            ["not-in-known-hosts"] = "not in known_hosts",
            ["change.host-key-changed"] = "host key changed",
            ["address-changed"] = "address changed",
            ["algorithms-added"] = "algorithms added",
            ["algorithms-removed"] = "algorithms removed",
            ["newly-unreachable"] = "newly unreachable",
            ["keys"] = "Your keys, as each host answered (asked without a signature)",
            ["key.accepted"] = "accepted",
            ["key.rejected"] = "refused",
            ["key.not-asked"] = "not asked",
            ["host-keys-fetched"] = "host keys fetched",
            ["host-keys-offered"] = "of the types offered",
        });

    public static ScanText Japanese { get; } = new(
        "スキャン中", "失敗", "残り", "スキャン完了", "台", "結果別", "検出事項", "前回のスキャンからの変化",
        "読み飛ばしたインベントリの行", "重複（1 回だけ調査）", "件（すべては --json か --csv で）", "前回のスキャンから変化はありません。",
        "未完了", "ダウングレード",
        "{0} により {2} 台中 {1} 台で中断しました。以下は調べ終えたホストです。履歴にはこのスキャンを未完了として残します。",
        "前回のスキャン（#{0}、{1} 開始）は未完了でした（{3} 台中 {2} 台を記録）。変化は各ホストの最新の記録と比べています。",
        (shard, hosts, inventory) => $"シャード {shard}: インベントリ {inventory.ToString(CultureInfo.InvariantCulture)} 台のうち {hosts.ToString(CultureInfo.InvariantCulture)} 台",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["legacy-algorithms"] = "古いアルゴリズムを提示",
            ["weak-host-key"] = "弱いホスト鍵",
            ["host-key-changed"] = "ホスト鍵が変わった（known_hosts と不一致）",
            ["not-in-known-hosts"] = "known_hosts に未登録",
            ["change.host-key-changed"] = "ホスト鍵が変わった",
            ["address-changed"] = "アドレスが変わった",
            ["algorithms-added"] = "アルゴリズムが追加された",
            ["algorithms-removed"] = "アルゴリズムが削除された",
            ["newly-unreachable"] = "新たに到達不能",
            ["keys"] = "あなたの鍵に対する各ホストの答え（署名なしで問い合わせ）",
            ["key.accepted"] = "受理",
            ["key.rejected"] = "拒否",
            ["key.not-asked"] = "未確認",
            ["host-keys-fetched"] = "取得したホスト鍵",
            ["host-keys-offered"] = "提示された種類",
        });
}
