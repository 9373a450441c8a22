using SshDoctor.Localization;

namespace SshDoctor.Cli.Rendering;

/// <summary>The words of the human output that are not catalogue knowledge, in each language.</summary>
internal sealed record UiText
{
    public static UiText For(Language language) => language == Language.Japanese ? Japanese : English;

    public static UiText English { get; } = new()
    {
        Inputs = "Read",
        Lines = "lines",
        Recognised = "recognised",
        Connection = "Connection",
        Jump = "via jump host",
        Keys = "Keys",
        ServerAllows = "Server allows",
        HostKey = "Host key",
        Offending = "offending entry",
        Evidence = "Evidence",
        Fixes = "Fix",
        AlsoPossible = "Also possible",
        NothingWrong = "Nothing wrong found: every stage in the log passed.",
        NothingRecognised = "No SSH client or server message was recognised in the input.",
        Proven = "proven",
        Likely = "likely",
        Possible = "possible",
        Automatic = "ssh-doctor fix can apply this",
        ClientOffer = "client offered",
        ServerOffer = "server offered",
        Sources = new Dictionary<string, string>(StringComparer.Ordinal),
    };

    public static UiText Japanese { get; } = new()
    {
        Inputs = "入力",
        Lines = "行",
        Recognised = "件を認識",
        Connection = "接続",
        Jump = "踏み台経由",
        Keys = "鍵",
        ServerAllows = "サーバが許可する方式",
        HostKey = "ホスト鍵",
        Offending = "不一致のエントリ",
        Evidence = "根拠",
        Fixes = "対処",
        AlsoPossible = "ほかに考えられる原因",
        NothingWrong = "問題は見つかりませんでした。ログ上のすべての段階が成功しています。",
        NothingRecognised = "入力から SSH クライアント・サーバのメッセージを認識できませんでした。",
        Proven = "確定",
        Likely = "可能性大",
        Possible = "可能性あり",
        Automatic = "ssh-doctor fix で自動適用できます",
        ClientOffer = "クライアントの提示",
        ServerOffer = "サーバの提示",
        Sources = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["client-log"] = "クライアントのログ",
            ["server-log"] = "サーバのログ",
            ["probe"] = "プローブ",
            ["local"] = "クライアント側の点検",
            ["server"] = "サーバ側の点検",
        },
    };

    /// <summary>Where a piece of evidence came from, as the report's JSON names it (client-log, probe, …), in this language.</summary>
    public string SourceWord(string source) => Sources.TryGetValue(source, out var word) ? word : source;

    public string CertaintyWord(string certainty) => certainty switch
    {
        "proven" => Proven,
        "likely" => Likely,
        _ => Possible,
    };

    public required string Inputs { get; init; }

    public required string Lines { get; init; }

    public required string Recognised { get; init; }

    public required string Connection { get; init; }

    public required string Jump { get; init; }

    public required string Keys { get; init; }

    public required string ServerAllows { get; init; }

    public required string HostKey { get; init; }

    public required string Offending { get; init; }

    public required string Evidence { get; init; }

    public required string Fixes { get; init; }

    public required string AlsoPossible { get; init; }

    public required string NothingWrong { get; init; }

    public required string NothingRecognised { get; init; }

    public required string Proven { get; init; }

    public required string Likely { get; init; }

    public required string Possible { get; init; }

    public required string Automatic { get; init; }

    public required string ClientOffer { get; init; }

    public required string ServerOffer { get; init; }

    /// <summary>The words for the report's evidence sources (<c>client-log</c>, <c>probe</c>, …); a source without one is shown by its JSON name.</summary>
    public required IReadOnlyDictionary<string, string> Sources { get; init; }
}
