using System.Globalization;
using SshDoctor.Localization;

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
    Func<string, int, int, string> ShardLine,
    IReadOnlyDictionary<string, string> Names)
{
    public static ScanText For(Language language) => language == Language.Japanese ? Japanese : English;

    /// <summary>The heading of a finding or change kind.</summary>
    public string Name(string kind) => Names.TryGetValue(kind, out var name) ? name : kind;

    /// <summary>The name of a change kind (the history's <c>host-key-changed</c> is not known_hosts' finding of the same name).</summary>
    public string ChangeName(string kind) => Names.TryGetValue("change." + kind, out var name) ? name : Name(kind);

    public static ScanText English { get; } = new(
        "scanning", "failed", "left", "Scanned", "hosts", "By outcome", "Findings", "Changes since the last scan",
        "skipped inventory line", "duplicates probed once", "more (--json or --csv lists all)", "No change since the last scan.",
        "incomplete", "downgrade",
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
        });

    public static ScanText Japanese { get; } = new(
        "スキャン中", "失敗", "残り", "スキャン完了", "台", "結果別", "検出事項", "前回のスキャンからの変化",
        "読み飛ばしたインベントリの行", "重複（1 回だけ調査）", "件（すべては --json か --csv で）", "前回のスキャンから変化はありません。",
        "未完了", "ダウングレード",
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
        });
}
