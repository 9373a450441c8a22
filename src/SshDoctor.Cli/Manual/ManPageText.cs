using SshDoctor.Localization;

namespace SshDoctor.Cli.Manual;

/// <summary>The man page's own words (headings, the description, exit codes, environment, files) in one language.</summary>
internal sealed record ManPageText
{
    /// <summary>Each exit code once, with its meaning in English and Japanese.</summary>
    private static readonly (int Code, string English, string Japanese)[] ExitCodeMeanings =
    [
        (SshDoctor.Cli.ExitCodes.Ok, "Nothing wrong was found.", "問題は見つかりませんでした。"),
        (SshDoctor.Cli.ExitCodes.ProblemFound, "A problem was diagnosed.", "問題を診断しました。"),
        (SshDoctor.Cli.ExitCodes.UsageOrInput, "Bad usage or unreadable input; the message says what to change.", "使い方の誤り、または読めない入力です。何を直せばよいかはメッセージが示します。"),
        (SshDoctor.Cli.ExitCodes.Internal, "ssh-doctor itself failed (a bug: please report it).", "ssh-doctor 自身が失敗しました（バグです。報告してください）。"),
    ];

    /// <summary>Each environment variable once, with its meaning in English and Japanese.</summary>
    private static readonly (string Name, string English, string Japanese)[] VariableMeanings =
    [
        ("LC_ALL, LC_MESSAGES, LANG", "The first one set chooses the language when --lang is not given: a value starting with ja selects Japanese.", "--lang を指定しないとき、最初に設定されているものが言語を決めます。ja で始まる値なら日本語です。"),
        ("NO_COLOR", "When set (to anything), the output has no colours.", "設定されていれば（値は問いません）、色を付けずに出力します。"),
        ("SSH_AUTH_SOCK", "The agent diagnose and check-local list keys from, unless IdentityAgent or --agent says otherwise.", "diagnose と check-local が鍵を一覧するエージェント。IdentityAgent や --agent の指定があればそちらを使います。"),
        ("PATH", "Where ssh (for ssh -G, ssh -V and --with-ssh) and journalctl are looked for.", "ssh（ssh -G、ssh -V、--with-ssh 用）と journalctl を探す場所。"),
    ];

    /// <summary>Each file once, with its meaning in English and Japanese.</summary>
    private static readonly (string Path, string English, string Japanese)[] FileMeanings =
    [
        ("~/.ssh/config, /etc/ssh/ssh_config", "How diagnose resolves a destination (through ssh -G when ssh is installed), and the Host names the completions offer.", "diagnose が接続先を解決する設定（ssh があれば ssh -G を通して読みます）。補完が候補に出す Host 名もここから読みます。"),
        ("~/.ssh/known_hosts, /etc/ssh/ssh_known_hosts", "The host keys diagnose compares the server's key with.", "diagnose がサーバーのホスト鍵と照合する鍵。"),
        ("/etc/ssh/sshd_config", "What check-server audits.", "check-server が点検する設定。"),
        ("/var/log/auth.log, /var/log/secure", "Where logs reads when journald is not there and no file is given.", "journald がなく、ファイルも指定されないときに logs が読むログ。"),
    ];

    public static ManPageText For(Language language) => language == Language.Japanese ? Japanese : English;

    private static ManPageText English { get; } = new()
    {
        Locale = "en",
        Manual = "User Commands",
        Name = "NAME",
        Synopsis = "SYNOPSIS",
        Description = "DESCRIPTION",
        DescriptionText = "ssh-doctor reads what you already have (the error ssh printed, an ssh -vvv log, the server's sshd log), probes a server stage by stage (config, dns, tcp, banner, kex, hostkey, auth, session) and audits both ends of a connection with OpenSSH's own rules. It names the stage that broke, proves the cause with the lines that show it, and says how to fix it, in English or Japanese. Every problem has a stable diagnosis id, listed below; ssh-doctor explain ID prints its entry with the evidence to look for and the fixes.",
        Commands = "COMMANDS",
        CommonOptions = "COMMON OPTIONS",
        Options = "options",
        ExitStatus = "EXIT STATUS",
        ExitCodes = [.. ExitCodeMeanings.Select(e => (e.Code, e.English))],
        Diagnoses = "DIAGNOSES",
        DiagnosesText = "Each id keeps its name and meaning in every version. The titles below are general; in a report, USER, HOST and the other capitals are filled in with what the evidence showed.",
        Stage = "stage",
        Environment = "ENVIRONMENT",
        Variables = [.. VariableMeanings.Select(e => (e.Name, e.English))],
        Files = "FILES",
        FileList = [.. FileMeanings.Select(e => (e.Path, e.English))],
        SeeAlso = "SEE ALSO",
    };

    private static ManPageText Japanese { get; } = new()
    {
        Locale = "ja",
        Manual = "ユーザーコマンド",
        Name = "名前",
        Synopsis = "書式",
        Description = "説明",
        DescriptionText = "ssh-doctor は、すでに手元にあるもの（ssh が表示したエラー、ssh -vvv のログ、サーバーの sshd のログ）を読み、サーバーを段階ごと（config, dns, tcp, banner, kex, hostkey, auth, session）に調べ、接続の両端を OpenSSH 自身の規則で点検します。どの段階が失敗したかを示し、原因をそれを示す行で証明し、直し方を英語または日本語で説明します。見つかる問題にはそれぞれ固定の診断 ID があります（下記）。ssh-doctor explain ID で、その項目の説明、確かめるべき証拠、直し方を表示します。",
        Commands = "コマンド",
        CommonOptions = "共通オプション",
        Options = "オプション",
        ExitStatus = "終了ステータス",
        ExitCodes = [.. ExitCodeMeanings.Select(e => (e.Code, e.Japanese))],
        Diagnoses = "診断 ID",
        DiagnosesText = "ID の名前と意味はどのバージョンでも変わりません。以下のタイトルは一般形です。レポートでは USER や HOST などの大文字の部分が、証拠から分かった値で置き換わります。",
        Stage = "段階",
        Environment = "環境変数",
        Variables = [.. VariableMeanings.Select(e => (e.Name, e.Japanese))],
        Files = "ファイル",
        FileList = [.. FileMeanings.Select(e => (e.Path, e.Japanese))],
        SeeAlso = "関連項目",
    };

    public required string Locale { get; init; }

    public required string Manual { get; init; }

    public required string Name { get; init; }

    public required string Synopsis { get; init; }

    public required string Description { get; init; }

    public required string DescriptionText { get; init; }

    public required string Commands { get; init; }

    public required string CommonOptions { get; init; }

    public required string Options { get; init; }

    public required string ExitStatus { get; init; }

    public required IReadOnlyList<(int Code, string Meaning)> ExitCodes { get; init; }

    public required string Diagnoses { get; init; }

    public required string DiagnosesText { get; init; }

    public required string Stage { get; init; }

    public required string Environment { get; init; }

    public required IReadOnlyList<(string Name, string Meaning)> Variables { get; init; }

    public required string Files { get; init; }

    public required IReadOnlyList<(string Path, string Meaning)> FileList { get; init; }

    public required string SeeAlso { get; init; }
}
