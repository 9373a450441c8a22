using SshDoctor.Localization;

namespace SshDoctor.Cli.Rendering;

/// <summary>The words of the human output that are not catalogue knowledge, in each language.</summary>
internal sealed record UiText(
    string Inputs,
    string Lines,
    string Recognised,
    string Connection,
    string Jump,
    string Keys,
    string ServerAllows,
    string HostKey,
    string Offending,
    string Evidence,
    string Fixes,
    string AlsoPossible,
    string NothingWrong,
    string NothingRecognised,
    string Proven,
    string Likely,
    string Possible,
    string Automatic,
    string ClientOffer,
    string ServerOffer)
{
    public static UiText For(Language language) => language == Language.Japanese ? Japanese : English;

    public static UiText English { get; } = new(
        "Read", "lines", "recognised", "Connection", "via jump host", "Keys", "Server allows", "Host key", "offending entry",
        "Evidence", "Fix", "Also possible", "Nothing wrong found: every stage in the log passed.",
        "No SSH client or server message was recognised in the input.", "proven", "likely", "possible",
        "ssh-doctor fix can apply this", "client offered", "server offered");

    public static UiText Japanese { get; } = new(
        "入力", "行", "件を認識", "接続", "踏み台経由", "鍵", "サーバが許可する方式", "ホスト鍵", "不一致のエントリ",
        "根拠", "対処", "ほかに考えられる原因", "問題は見つかりませんでした。ログ上のすべての段階が成功しています。",
        "入力から SSH クライアント・サーバのメッセージを認識できませんでした。", "確定", "可能性大", "可能性あり",
        "ssh-doctor fix で自動適用できます", "クライアントの提示", "サーバの提示");

    /// <summary>Where a piece of evidence came from, as the report's JSON names it (client-log, probe, …), in this language.</summary>
    public string SourceWord(string source) =>
        this == Japanese && JapaneseSources.TryGetValue(source, out var word) ? word : source;

    private static readonly Dictionary<string, string> JapaneseSources = new(StringComparer.Ordinal)
    {
        ["client-log"] = "クライアントのログ",
        ["server-log"] = "サーバのログ",
        ["probe"] = "プローブ",
        ["local"] = "クライアント側の点検",
        ["server"] = "サーバ側の点検",
    };

    public string CertaintyWord(string certainty) => certainty switch
    {
        "proven" => Proven,
        "likely" => Likely,
        _ => Possible,
    };
}
