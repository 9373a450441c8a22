using System.Text.RegularExpressions;

namespace SshDoctor.Cli.Rendering;

/// <summary>
/// diagnose's own words inside stage details and key lines, in Japanese. The probe words its details in English (they
/// are also the JSON report's); this table turns the phrases it writes into Japanese for the human output, leaving
/// values (addresses, algorithms, fingerprints, file names) and what a server or ssh said as they are. A phrase the
/// table does not know stays English; <c>JapaneseOutputTests</c> fails on the ones real runs print.
/// </summary>
internal static partial class JapaneseDetails
{
    /// <summary>Whole-phrase rules, tried in order on each detail; each may apply once anywhere in it.</summary>
    private static readonly (Regex Pattern, string Replacement)[] Phrases =
    [
        (ClientVersion(), "(${source}、利用中のクライアント: ${version})"),
        (ResolvedBy(), "${host} の名前解決は ${hop} が行います"),
        (ConnectedTo(), "${address} のポート ${port} に接続しました"),
        (ConnectTo(), "${host} のポート ${port} への接続: "),
        (ChannelThrough(), "${hop} 経由で ${host} のポート ${port} への direct-tcpip チャネル"),
        (new Regex("direct-tcpip channel through the previous hop", RegexOptions.CultureInvariant), "前のホップ経由の direct-tcpip チャネル"),
        (StrictKex(), ", 厳格な鍵交換"),
        (RoundTrips(), "[往復 ${count} 回]"),
        (Matches(), "${key} は ${where} と一致します"),
        (NotInKnownHostsAsks(), "${key} は known_hosts にありません（ssh が確認を求めます）"),
        (NotInKnownHostsRefuses(), "${key} は known_hosts にありません（厳格なチェック: ssh は接続を拒否します）"),
        (DiffersFrom(), "${key} は ${where} と異なります"),
        (Revoked(), "${key} は @revoked です"),
        (KeyAccepted(), "方式 ${methods}; 受理された鍵: ${key}"),
        (KeysRejected(), "方式 ${methods}; ${count} 個の鍵が拒否され、受理された鍵はありません"),
        (NoKeyToOffer(), "方式 ${methods}; 提示できる鍵がありません"),
        (MethodsOnly(), "方式 ${methods}; 鍵は問い合わせていません（方式のみ）"),
        (new Regex(@"; for root, PermitRootLogin is only checked after a signature \(--login\)", RegexOptions.CultureInvariant), "; root の場合、PermitRootLogin は署名の後にしか確認されません（--login）"),
        (new Regex(@"not checked \(use --login to open a session\)", RegexOptions.CultureInvariant), "未確認（セッションを開くには --login を指定します）"),
        (new Regex("--login: no key was accepted, so no login was attempted", RegexOptions.CultureInvariant), "--login: 受理された鍵がないため、ログインは試みていません"),
        (new Regex("not checked: the probe stopped at the methods", RegexOptions.CultureInvariant), "未確認: プローブは認証方式の確認で止めました"),
        (new Regex("not checked: diagnose logs in only with a key, and your ssh does not use keys here", RegexOptions.CultureInvariant), "未確認: diagnose は鍵でのみログインしますが、この接続で ssh は鍵を使いません"),
        (new Regex("not logged in: ssh cannot sign with the accepted key", RegexOptions.CultureInvariant), "ログインしていません: 受理された鍵で ssh が署名できません"),
        (new Regex("^not logged in$", RegexOptions.CultureInvariant), "ログインしていません"),
        (new Regex("^no TCP connection$", RegexOptions.CultureInvariant), "TCP 接続がありません"),
        (new Regex("^no address to connect to$", RegexOptions.CultureInvariant), "接続先のアドレスがありません"),
        (new Regex("^no address$", RegexOptions.CultureInvariant), "アドレスがありません"),
        (new Regex("^no SSH identification$", RegexOptions.CultureInvariant), "SSH の識別文字列がありません"),
        (new Regex("^no algorithms in common$", RegexOptions.CultureInvariant), "共通のアルゴリズムがありません"),
        (new Regex("^the key exchange did not complete$", RegexOptions.CultureInvariant), "鍵交換が完了しませんでした"),
        (new Regex("^ssh stops at a changed or revoked host key$", RegexOptions.CultureInvariant), "ホスト鍵が変わったか失効しているため ssh はここで止まります"),
        (new Regex("^ssh stops at its configuration$", RegexOptions.CultureInvariant), "ssh は設定の段階で止まります"),
        (new Regex("^no authentication$", RegexOptions.CultureInvariant), "認証していません"),
        (new Regex("^no channel to the target$", RegexOptions.CultureInvariant), "接続先へのチャネルがありません"),
        (new Regex("^no channel$", RegexOptions.CultureInvariant), "チャネルがありません"),
        (new Regex("^no connection$", RegexOptions.CultureInvariant), "接続がありません"),
        (new Regex("^ssh refuses this configuration", RegexOptions.CultureInvariant), "ssh はこの設定を受け付けません"),
        (new Regex("^ssh does not resolve the name itself: the ProxyCommand connects$", RegexOptions.CultureInvariant), "ssh 自身は名前解決しません: ProxyCommand が接続します"),
        (new Regex(@"^ProxyCommand started \(pid (?<pid>\d+)\): ", RegexOptions.CultureInvariant), "ProxyCommand を起動しました（pid ${pid}）: "),
        (new Regex("^the jump host (?<hop>.+) failed$", RegexOptions.CultureInvariant), "踏み台ホスト ${hop} で失敗しました"),
        (new Regex("^session refused: ", RegexOptions.CultureInvariant), "セッションが拒否されました: "),
        (new Regex(@"^the server lets (?<user>.+) in without authentication \('none' accepted\)$", RegexOptions.CultureInvariant), "サーバは ${user} を認証なしで入れます（'none' が受理されました）"),
        (new Regex("^asked for the methods: ", RegexOptions.CultureInvariant), "認証方式を問い合わせました: "),
        (new Regex("^no answer$", RegexOptions.CultureInvariant), "応答なし"),
    ];

    /// <summary>A stage's detail in Japanese, as far as the table knows its phrases.</summary>
    public static string Stage(string? detail)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return detail ?? string.Empty;
        }

        foreach (var (pattern, replacement) in Phrases)
        {
            detail = pattern.Replace(detail, replacement, 1);
        }

        return detail;
    }

    /// <summary>The verdict of a key (<c>KeyAttemptReport.Result</c>) as a word.</summary>
    public static string KeyResult(string result) => result switch
    {
        "accepted" => "受理",
        "rejected" => "拒否",
        "not-offered" => "未提示",
        "signing-failed" => "署名失敗",
        "not-loaded" => "読み込めず",
        "skipped" => "使われず",
        _ => result,
    };

    /// <summary>A key's detail: where it came from, whether it is encrypted, which connection asked about it.</summary>
    public static string KeyDetail(string detail) => KeyDetailWords().Replace(detail, m => m.Value switch
    {
        "agent" => "エージェント",
        "passphrase-protected" => "パスフレーズ付き",
        "not encrypted" => "暗号化なし",
        _ => "接続 " + m.Groups["n"].Value,
    });

    [GeneratedRegex(@"\((?<source>ssh -G|ssh_config \(built-in parser\)|command line); your client: (?<version>[^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex ClientVersion();

    [GeneratedRegex(@"^(?<host>\S+) is resolved by (?<hop>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ResolvedBy();

    [GeneratedRegex(@"^connected to (?<address>\S+) port (?<port>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectedTo();

    [GeneratedRegex(@"^connect to (?<host>\S+) port (?<port>\d+): ", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectTo();

    [GeneratedRegex(@"^direct-tcpip channel through (?<hop>\S+) to (?<host>\S+) port (?<port>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelThrough();

    [GeneratedRegex(@", strict kex\b", RegexOptions.CultureInvariant)]
    private static partial Regex StrictKex();

    [GeneratedRegex(@"\[(?<count>\d+) round trips?\]", RegexOptions.CultureInvariant)]
    private static partial Regex RoundTrips();

    [GeneratedRegex(@"^(?<key>\S+ SHA256:\S+) matches (?<where>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Matches();

    [GeneratedRegex(@"(?<key>\S+ SHA256:\S+) is not in known_hosts \(ssh will ask\)", RegexOptions.CultureInvariant)]
    private static partial Regex NotInKnownHostsAsks();

    [GeneratedRegex(@"(?<key>\S+ SHA256:\S+) is not in known_hosts \(strict checking: ssh refuses\)", RegexOptions.CultureInvariant)]
    private static partial Regex NotInKnownHostsRefuses();

    [GeneratedRegex(@"(?<key>\S+ SHA256:\S+) differs from (?<where>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex DiffersFrom();

    [GeneratedRegex(@"^(?<key>SHA256:\S+) is @revoked$", RegexOptions.CultureInvariant)]
    private static partial Regex Revoked();

    [GeneratedRegex(@"^methods (?<methods>\S*); key accepted: (?<key>.+?)(?=; for root|$)", RegexOptions.CultureInvariant)]
    private static partial Regex KeyAccepted();

    [GeneratedRegex(@"^methods (?<methods>\S*); (?<count>\d+) keys rejected, none accepted", RegexOptions.CultureInvariant)]
    private static partial Regex KeysRejected();

    [GeneratedRegex(@"^methods (?<methods>\S*); no key to offer", RegexOptions.CultureInvariant)]
    private static partial Regex NoKeyToOffer();

    [GeneratedRegex(@"^methods (?<methods>\S*); no key queried \(methods only\)", RegexOptions.CultureInvariant)]
    private static partial Regex MethodsOnly();

    [GeneratedRegex(@"\bagent\b|passphrase-protected|not encrypted|\bconnection (?<n>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex KeyDetailWords();
}
