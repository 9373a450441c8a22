using SshDoctor.Localization;

namespace SshDoctor.Cli.Rendering;

/// <summary>The words of <c>diagnose</c>'s own output (stage lines, key list), in each language.</summary>
internal sealed record DiagnoseText(
    string Diagnosing,
    string Via,
    string Keys,
    string ServerAllows,
    string AllPassed,
    string Ok,
    string Failed,
    string Warning,
    string Skipped)
{
    public static DiagnoseText For(Language language) => language == Language.Japanese ? Japanese : English;

    /// <summary>The probe words its details in English (the JSON report's); Japanese output translates its phrases.</summary>
    public bool Translates { get; private init; }

    public string StageDetail(string? detail) => Translates ? JapaneseDetails.Stage(detail) : detail ?? string.Empty;

    public string KeyResult(string result) => Translates ? JapaneseDetails.KeyResult(result) : result;

    public string KeyDetail(string detail) => Translates ? JapaneseDetails.KeyDetail(detail) : detail;

    public static DiagnoseText English { get; } = new(
        "Diagnosing", "via", "Keys", "Server allows", "Every stage the doctor could check passed.", "ok", "FAILED", "warning", "skipped");

    public static DiagnoseText Japanese { get; } = new(
        "診断中", "経由", "鍵", "サーバが許可する方式", "確認できたすべての段階が成功しました。", "成功", "失敗", "注意", "省略")
    {
        Translates = true,
    };
}
