namespace SshDoctor.Cli.Manual;

/// <summary>
/// The Japanese texts of the command definitions (their English is the Description in the definition), keyed as
/// <see cref="Completion.CommandModel"/> names them: "" for the program, "diagnose", "diagnose -J", "diagnose
/// &lt;destination&gt;", and the bare option for options every command takes ("--lang"). A conventions test keeps it complete.
/// </summary>
internal static class JapaneseHelp
{
    private const string Json = "レポートを JSON（スキーマ ssh-doctor/1）で出力します。";
    private const string Root = "すべてのパスを / ではなく DIR（用意したツリー）の下から読みます。";
    private const string Verbose = "問題のない項目も一覧します。";
    private const string Fix = "見つかった問題の自動修正を計画し、計画を表示して、確認のあとで適用します（ssh-doctor fix を参照）。";
    private const string DryRun = "計画を表示するだけで、何も変更しません。";
    private const string Yes = "確認なしで計画を適用します（ホスト鍵だけは --expect-fingerprint か yes の入力がなければ信頼しません）。";
    private const string ExpectFingerprint = "サーバーのコンソールで確かめた SHA256:…。プローブがまさにこの鍵を検証したときに限り、ホスト鍵の修正を適用します。";

    // diagnose's destination options mean the same for fix, which runs diagnose first.
    private static readonly string[] ProbeOptions = ["--login", "--with-ssh", "-p", "-l", "-i", "-J", "-F", "-o", "--known-hosts", "--agent", "--timeout"];

    // ... and for scan, for every host (a port belongs to each host there).
    private static readonly string[] ScanProbeOptions = ["-l", "-i", "-J", "-F", "-o", "--known-hosts", "--agent", "--timeout"];

    public static IReadOnlyDictionary<string, string> Texts { get; } = WithFixOptions(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [""] = "SSH 接続のどの段階が失敗したかを突き止め、原因を証拠で示し、直し方を示します。",
        ["--lang"] = "レポートの言語: en または ja（既定値は LC_ALL / LC_MESSAGES / LANG から決まります）。",
        ["--no-color"] = "色を付けずに出力します（NO_COLOR が設定されているとき、出力が端末でないときも同様）。",
        ["--help"] = "ヘルプと使い方を表示します。",
        ["--version"] = "バージョンと、ビルド元のコミットを表示します。",

        ["diagnose"] = "サーバーを段階ごと（config, dns, tcp, banner, kex, hostkey, auth, session）に調べ、接続がどこで、なぜ切れるのかを説明します。",
        ["diagnose <destination>"] = "[user@]host[:port] または ssh://[user@]host[:port]。お使いの ssh と同じように解決します（ssh -G）。",
        ["diagnose --json"] = Json,
        ["diagnose --login"] = "署名できる鍵で実際に認証し、セッションを開いて 'true' を実行します。",
        ["diagnose --with-ssh"] = "お使いの ssh -vvv も実行し、その出力から分かることを診断に加えます。--login がなければ何も変更せず、認証の手前で止まります。",
        ["diagnose -p"] = "接続先のポート（ssh -p と同じ）。",
        ["diagnose -l"] = "ログインするユーザー（ssh -l と同じ）。",
        ["diagnose -i"] = "秘密鍵ファイル。繰り返し指定できます（ssh -i と同じ）。読むのは公開鍵の部分だけです。",
        ["diagnose -J"] = "踏み台ホスト。カンマ区切りで並べます（ssh -J と同じ）。",
        ["diagnose -F"] = "ssh の設定ファイル（ssh -F と同じ）。",
        ["diagnose -o"] = "ssh のオプション Keyword=value。繰り返し指定できます（ssh -o と同じ）。",
        ["diagnose --known-hosts"] = "ホスト鍵の照合に使う known_hosts ファイル（このファイルだけを使います）。",
        ["diagnose --agent"] = "鍵を一覧する ssh-agent のソケット、または 'none'（既定値は IdentityAgent / SSH_AUTH_SOCK）。",
        ["diagnose --timeout"] = "TCP 接続と、プロトコルの各段階に許す秒数（既定値は ConnectTimeout、なければ 10）。",
        ["diagnose --fix"] = Fix,
        ["diagnose --dry-run"] = DryRun,
        ["diagnose --yes"] = Yes,
        ["diagnose --expect-fingerprint"] = ExpectFingerprint,

        ["explain"] = "貼り付けた ssh のエラー、ssh -vvv のログ、sshd のログを読み、どの段階が失敗したか、なぜか、どう直すかを説明します。",
        ["explain <FILE>"] = "ssh の出力（-v の段階は問いません）、sshd やジャーナルのログ行、または標準入力を表す '-'（既定）。診断 ID（例: tcp.refused）を渡すと、その項目を表示します。",
        ["explain --json"] = Json,
        ["explain --fix"] = "ssh-doctor fix が適用する計画も表示します（計画だけ: 貼り付けたログは、ファイルを変えてよい証拠として十分ではありません）。",

        ["logs"] = "sshd のログ（ファイル、gzip、journald）を読み、失敗を診断、送信元アドレス、ユーザーごとに集計します。",
        ["logs --json"] = "集計を JSON（スキーマ ssh-doctor/1）で出力します。",
        ["logs --events"] = "認識した行ごとに JSON オブジェクトを 1 つ出力します: file, line, time, host, process, pid, ip, port, user, id, text。",
        ["logs --csv"] = "イベントを CSV で出力します（列は --events と同じ）。",
        ["logs --since"] = "TIME 以降の行だけ: 2024-12-31、'2024-12-31 23:30'、2024-12-31T23:30:00+01:00、または何分・何時間前か: 30m, 2h, 3d, 1w。",
        ["logs --until"] = "TIME 以前の行だけ（書式は --since と同じ）。",
        ["logs --user"] = "このユーザーに関する行だけ。",
        ["logs --ip"] = "このアドレスまたはネットワーク（203.0.113.0/24, 2001:db8::/32）からの行だけ。",
        ["logs --follow"] = "ファイルが伸びるのに合わせて（ローテーションをまたいでも）読み続け、イベントを起きたときに表示します。Ctrl-C で止まります。",
        ["logs --unknown"] = "どのシグネチャにも当てはまらなかった SSH の行も一覧します（その数は常に数えています）。",
        ["logs <FILE>"] = "ログファイル: 通常のもの、ローテーション済み（auth.log.1）、gzip（auth.log.2.gz）、標準入力を表す '-'。指定がなければ journald（journalctl -u ssh -u sshd）、なければ /var/log/auth.log, /var/log/secure, /var/log/messages。",

        ["check-local"] = "クライアント側を点検します: ~/.ssh のモードと所有者（OpenSSH と同じ規則）、鍵、~/.ssh/config、known_hosts、エージェント。",
        ["check-local --json"] = Json,
        ["check-local --home"] = "ユーザーのホーム（passwd の項目）の代わりに、このホームディレクトリを点検します。",
        ["check-local --user"] = "このアカウントを点検します: passwd のホームと、OpenSSH の所有者規則に使う uid。",
        ["check-local --root"] = Root,
        ["check-local --verbose"] = Verbose,
        ["check-local --fix"] = Fix,
        ["check-local --dry-run"] = DryRun,
        ["check-local --yes"] = Yes,
        ["check-local --expect-fingerprint"] = ExpectFingerprint,

        ["check-server"] = "この SSH サーバーを点検します: 実効 sshd 設定、サービスとポート、ユーザー（StrictModes、シェル、ホーム）、ファイアウォール、BAN、ログ。",
        ["check-server --json"] = Json,
        ["check-server --user"] = "このアカウントを点検します（繰り返し指定できます）: シェル、ホーム、StrictModes、authorized_keys、アクセス規則。",
        ["check-server --client-ip"] = "クライアントの接続元アドレス。Match ブロック、ファイアウォール、BAN、hosts.deny をこのアドレスについて評価します。",
        ["check-server --sshd-config"] = "点検する sshd_config（既定値は /etc/ssh/sshd_config）。",
        ["check-server --root"] = Root,
        ["check-server --fail2ban-socket"] = "既定の場所にないときの fail2ban のソケット。",
        ["check-server --verbose"] = Verbose,
        ["check-server --fix"] = Fix,
        ["check-server --dry-run"] = DryRun,
        ["check-server --yes"] = Yes,
        ["check-server --expect-fingerprint"] = ExpectFingerprint,

        ["scan"] = "多数のホストを一度に、控えめに、認証方式の一覧まで調べます: 到達性、アルゴリズム、ホスト鍵（known_hosts と前回のスキャンとの比較）。",
        ["scan <host>"] = "調べる [user@]host[:port]。いくつでも指定でき、下のインベントリと併用できます。",
        ["scan -f"] = "ホストの一覧ファイル: 1 行に 1 つの [user@]host[:port]、# 以降はコメント。繰り返し指定できます。",
        ["scan --from-ssh-config"] = "ssh の設定（または -F FILE）とその Include にある具体的な Host をすべて調べます。それぞれ ssh -G で解決します。",
        ["scan --from-known-hosts"] = "known_hosts（または --known-hosts FILE）にある、ハッシュ化されていないホスト名をすべて調べます。",
        ["scan --ansible-inventory"] = "Ansible のインベントリ（INI または YAML。ansible_host, ansible_port, ansible_user, グループ）。繰り返し指定できます。",
        ["scan --keys"] = "各ホストが、あなたの鍵（diagnose が提示する鍵: -i、IdentityFile、--agent のエージェント）のどれを受け入れるかも問い合わせます。署名はせず、diagnose と同じ控えめな回数の範囲で行います。パスワードは送らず、ログインもしません。",
        ["scan --all-host-keys"] = "各ホストが提示するすべての種類のホスト鍵を取得し、履歴で種類ごとに比較します（サーバが許せば鍵の再交換で、許さなければ ssh-keyscan と同じく種類ごとに 1 接続で）。指定しなければ 1 ホストにつき 1 接続です: 鍵の種類はサーバの KEXINIT から読み取り、ssh がネゴシエートする鍵（known_hosts と履歴にある種類を優先）だけを取得・検証・比較します。ssh が確認するのはその鍵だけであり、接続が増えるごとに OpenSSH の PerSourcePenalties にも数えられ、スキャンも遅くなるためです。",
        ["scan --concurrency"] = "同時に調べるホストの数（既定値は 64）。",
        ["scan --per-network"] = "1 つのネットワーク（IPv4 の /24、IPv6 の /64、または同じ踏み台の先）で同時に調べるホストの数（既定値は 16）。",
        ["scan --per-host-timeout"] = "1 台のホストの調査全体に許す秒数（既定値は 60）。超えたホストの結果は 'deadline' になります。",
        ["scan --json"] = "1 つの JSON レポート（スキーマ ssh-doctor/1）を出力します。ホストごとに diagnose --json と同じ target, stages, diagnoses と、スキャンが加える情報を含みます。",
        ["scan --csv"] = "ホストごとに 1 行の CSV を出力します。",
        ["scan --html"] = "結果を 1 つの HTML ファイルにも書き出します。ネットワークなしで開ける自己完結したページで、並べ替えと絞り込みのできるホストの表と、結果・アルゴリズム・ホスト鍵の種類・前回からの変化のグラフを含みます。",
        ["scan --db"] = "履歴: SQLite のファイル（既定値は $XDG_DATA_HOME/ssh-doctor/history.db）、またはすべてのシャードで共有する postgresql://[user@]host[:port]/database。パスワードは PGPASSWORD か ~/.pgpass から読み、表示しません。",
        ["scan --shard"] = "インベントリを N 個に分けたうちの I 番目（1 <= I <= N）だけを調べます。各ホストのハッシュで振り分けるので、同じインベントリと --db を渡した N 個のプロセスが重複なく分担し、ホストを足しても他のホストは移りません。",
        ["scan --run"] = "同じ NAME で始めたシャードは、履歴に 1 回のスキャンとして記録されます（Kubernetes の Job の uid、playbook の実行 ID など）。指定しなければプロセスごとに別のスキャンになります。",
        ["scan --no-history"] = "履歴を読みも書きもしません。",
        ["scan --since"] = "何も調べず、TIME 以降のスキャンと、それらが見つけた変化を一覧します（TIME の書式は logs --since と同じ: 2024-12-31, 3d, 2h）。",
        ["scan --history"] = "何も調べず、HOST（名前または名前:ポート）についての各スキャンの記録と変化を表示します。",

        ["version"] = "バージョン、ビルド元のコミット、ランタイム、見つかった OpenSSH クライアントを表示します。",
        ["version --json"] = "ランタイム、ネイティブ版かどうか、見つかった OpenSSH も含めて JSON で出力します。",

        ["completion"] = "bash, zsh, fish 用の補完スクリプトを表示します（コマンド、オプション、~/.ssh/config と known_hosts の接続先、診断 ID）。",
        ["completion <shell>"] = "補完スクリプトを出力するシェル: bash, zsh, fish。",

        ["fix"] = "diagnose（または check-local / check-server）が見つけた問題を自動で直します: 計画（差分、モードと所有者の変更、コマンド、理由）を示し、一度だけ確認し、安全に適用してから再確認します。元に戻すには ssh-doctor undo。",
        ["fix <ID-or-destination>"] = "その問題だけを直すときは診断 ID（例: hostkey.changed）、続けて diagnose と同じ [user@]host[:port]。接続先がなければクライアントの ~/.ssh を点検し（check-local）、--root があればサーバーのツリーを点検します（check-server）。",
        ["fix --json"] = "計画と結果を JSON（スキーマ ssh-doctor-fix/1）で出力します。",
        ["fix --home"] = "自分のものではなく、このホームディレクトリの ~/.ssh を直します（XDG_STATE_HOME がなければ、記録はそのホームの ~/.local/state/ssh-doctor に置きます）。",
        ["fix --root"] = "サーバー側: / ではなく、用意したツリー DIR を直します（記録は DIR/var/lib/ssh-doctor に置きます）。",
        ["fix --user"] = "サーバー側: 点検して直すアカウント（繰り返し指定できます。check-server --user と同じ）。",
        ["fix --sshd-config"] = "サーバー側: 点検する sshd_config（既定値は /etc/ssh/sshd_config）。",
        ["fix --dry-run"] = DryRun,
        ["fix --yes"] = Yes,
        ["fix --expect-fingerprint"] = ExpectFingerprint,

        ["undo"] = "ssh-doctor fix が変えたものを元に戻します: 直前の修正、または指定した記録。修正のあとで変わったファイルがあれば、--force がない限り戻しません。",
        ["undo <RECORD>"] = "元に戻す記録（ssh-doctor undo --list で一覧できます）。既定は直前に適用した修正です。",
        ["undo --list"] = "記録を新しい順に一覧します。",
        ["undo --force"] = "修正のあとで変わったファイルでも、元の内容に戻します。",
        ["undo --json"] = "結果を JSON（スキーマ ssh-doctor-fix/1）で出力します。",
        ["undo --home"] = "記録を探すホーム（fix --home に渡したもの）。",
        ["undo --root"] = "サーバー側: このツリーで行った修正（fix --root、check-server --fix --root）の記録。root で指定がなければ /var/lib/ssh-doctor。",
        ["undo --server"] = "サーバー側の修正の記録（/var/lib/ssh-doctor）を使います。",
    });

    private static Dictionary<string, string> WithFixOptions(Dictionary<string, string> texts)
    {
        foreach (var option in ProbeOptions)
        {
            texts["fix " + option] = texts["diagnose " + option];
        }

        foreach (var option in ScanProbeOptions)
        {
            texts["scan " + option] = texts["diagnose " + option];
        }

        return texts;
    }
}
