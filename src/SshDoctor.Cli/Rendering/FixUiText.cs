using SshDoctor.Localization;

namespace SshDoctor.Cli.Rendering;

/// <summary>The words of <c>fix</c> and <c>undo</c> output, in each language.</summary>
internal sealed record FixUiText(
    string Plan,
    string Why,
    string Warning,
    string Recorded,
    string Presented,
    string Verified,
    string NotVerified,
    string NotFixed,
    string NothingToFix,
    string NewFile,
    string AskPlan,
    string AskHostKey,
    string NoTerminal,
    string NotConfirmed,
    string DryRun,
    string PlanOnly,
    string Applying,
    string Fixed,
    string StillFailing,
    string NotApplied,
    string RecordSaved,
    string Failed,
    string Undone,
    string Refused,
    string NoRecords,
    string Restored,
    string AlreadyOld,
    string ChangedSince,
    string NotReversible)
{
    public static FixUiText For(Language language) => language == Language.Japanese ? Japanese : English;

    public static FixUiText English { get; } = new(
        "Plan", "why", "warning", "known_hosts records", "the server presents", "verified by the probe", "not verified here",
        "Not fixed automatically", "Nothing to fix automatically.", "new file",
        "Apply this plan? [y/N]", "Compare the fingerprints. Type yes to trust the presented key and apply the plan:",
        "No terminal to ask on: nothing was changed. Run again with --yes to apply this plan.",
        "Not confirmed: nothing was changed.", "Dry run: nothing was changed.",
        "A pasted log is not proof enough to change files: this is the plan only. Run ssh-doctor fix with the destination to apply it.",
        "Applying", "fixed", "still failing", "not applied", "Undo with:", "The fix failed", "Undone", "Undo refused",
        "No fix to undo.", "restored", "already as before", "changed since the fix", "cannot be reversed");

    public static FixUiText Japanese { get; } = new(
        "修正の計画", "理由", "注意", "known_hosts の記録", "サーバが提示した鍵", "プローブで検証済み", "ここでは未検証",
        "自動では修正しないもの", "自動で修正できるものはありません。", "新規ファイル",
        "この計画を適用しますか? [y/N]", "フィンガープリントを比較してください。提示された鍵を信頼して計画を適用するには yes と入力してください:",
        "確認できる端末がないため、何も変更していません。この計画を適用するには --yes を付けて再実行してください。",
        "確認されなかったため、何も変更していません。", "ドライラン: 何も変更していません。",
        "貼り付けられたログだけではファイルを変更する根拠として不十分なため、計画のみを表示します。適用するには接続先を指定して ssh-doctor fix を実行してください。",
        "適用中", "修正済み", "まだ失敗", "未適用", "元に戻すには:", "修正に失敗しました", "元に戻しました", "元に戻すのを拒否しました",
        "元に戻す修正はありません。", "復元", "すでに元の状態", "修正後に変更されています", "元に戻せません");
}
