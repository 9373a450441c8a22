using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Localization;

namespace SshDoctor.Audit;

/// <summary>The text of every finding code, in English and Japanese, with {placeholders} filled from the finding's values.</summary>
public static partial class FindingTexts
{
    private static readonly (string Code, string English, string Japanese)[] Table =
    [
        ("check.failed", "The check {check} failed: {error}", "チェック {check} が失敗しました: {error}"),
        ("program.missing", "{program} is not installed: not checked", "{program} がインストールされていないため確認していません"),
        ("dir.missing", "{path} does not exist (ssh creates it when it first saves a host key)", "{path} がありません（最初にホスト鍵を保存するときに ssh が作成します）"),
        ("dir.not-directory", "{path} is not a directory", "{path} がディレクトリではありません"),
        ("file.not-regular", "{path} is a {kind}, not a regular file: not read (ssh and sshd expect a regular file; opening a FIFO blocks them, a device may never end)", "{path} は通常のファイルではない（{kind}）ため読んでいません。ssh と sshd は通常のファイルを前提としており、FIFO を開くと止まり、デバイスは終わりなく読み続けることがあります"),
        ("file.permission-denied", "{path} exists but cannot be read: permission denied (it was not checked)", "{path} はありますが、権限がないため読めません（確認していません）"),
        ("file.symlink-loop", "{path}: too many levels of symbolic links (the links lead back to themselves)", "{path}: シンボリックリンクが循環していて、たどり着けません"),
        ("file.read-error", "{path} cannot be read: {error}", "{path} を読めません: {error}"),
        ("file.cut", "{path} is {size} bytes: only its first {read} bytes (the complete lines in them) were checked", "{path} は {size} バイトあるため、先頭の {read} バイト（に含まれる完全な行）だけを確認しました"),
        ("file.foreign-owner", "{path} belongs to uid {owner}, not to you", "{path} の所有者が uid {owner} で、あなたではありません"),
        ("mode.ok", "{path}: mode {mode}", "{path}: モード {mode}"),
        ("mode.looser-than-recommended", "{path} has mode {mode}; {recommended} is recommended (OpenSSH still accepts it)", "{path} のモードは {mode} です。{recommended} を推奨します（OpenSSH は受け付けます）"),
        ("mode.strictmodes-would-refuse", "{path} has mode {mode}: sshd's StrictModes would refuse keys under it when you log in here; use {recommended} or stricter", "{path} のモードは {mode} です。このマシンにログインする際、sshd の StrictModes が拒否します。{recommended} 以下にしてください"),
        ("key.permissions-too-open", "ssh ignores {key}: mode {mode} is too open (needs 600 or 400)", "{key} のモード {mode} は緩すぎるため ssh が無視します（600 か 400 が必要）"),
        ("key.foreign-owner", "{path} belongs to uid {owner} (mode {mode}): ssh does not check its mode, but may not be able to read it", "{path} の所有者は uid {owner}（モード {mode}）です。ssh はモードを確認しませんが、読めない可能性があります"),
        ("key.none", "No private key in {path}", "{path} に秘密鍵がありません"),
        ("key.unreadable", "{path} looks like a private key but cannot be parsed: {problem}", "{path} は秘密鍵に見えますが解析できません: {problem}"),
        ("key.describe", "{path}: {type} {bits} bits, {format} format, {encrypted}, {fingerprint}", "{path}: {type} {bits} ビット、{format} 形式、{encrypted}、{fingerprint}"),
        ("key.putty", "{path} is a PuTTY key: OpenSSH cannot load it; convert it with `puttygen KEY -O private-openssh -o KEY`", "{path} は PuTTY 形式の鍵で OpenSSH は読めません。`puttygen KEY -O private-openssh -o KEY` で変換してください"),
        ("key.weak", "{key} is a weak key ({type} {bits} bits)", "{key} は弱い鍵です（{type} {bits} ビット）"),
        ("key.mismatch", "{key}.pub is not the public half of {key}", "{key}.pub は {key} の公開鍵ではありません"),
        ("key.pub-unreadable", "{path} is not a valid public key line", "{path} は正しい公開鍵の行ではありません"),
        ("key.not-found", "IdentityFile {key} does not exist", "IdentityFile {key} が存在しません"),
        ("cert.unreadable", "{path} is not a valid OpenSSH certificate", "{path} は正しい OpenSSH 証明書ではありません"),
        ("cert.valid", "{path}: certificate {key_id} for {principals}, valid {valid_after} to {valid_before}", "{path}: 証明書 {key_id}（{principals}）、有効期間 {valid_after} ～ {valid_before}"),
        ("cert.expired", "{path}: certificate {key_id} expired at {valid_before}", "{path}: 証明書 {key_id} は {valid_before} に期限切れです"),
        ("cert.not-yet-valid", "{path}: certificate {key_id} is valid only from {valid_after}", "{path}: 証明書 {key_id} は {valid_after} から有効になります"),
        ("config.none", "{path} does not exist: defaults apply", "{path} はありません。既定値が使われます"),
        ("config.bad-permissions", "ssh refuses {file}: owner uid {owner}, mode {mode} (must be yours or root's and not writable by others)", "ssh は {file} を拒否します: 所有者 uid {owner}、モード {mode}（自分か root の所有で、他者が書き込めないこと）"),
        ("config.bad-option", "{file} line {line}: unknown option {option} (nearest: {nearest})", "{file} {line} 行目: 不明なオプション {option}（近いもの: {nearest}）"),
        ("config.bad-option", "{file} line {line}: unknown option {option}", "{file} {line} 行目: 不明なオプション {option}"),
        ("config.include-empty", "Include {pattern} matches no file", "Include {pattern} に一致するファイルがありません"),
        ("config.include-loop", "{file} line {line}: Include {target} names a file that is already being read: ssh stops with \"Too many recursive configuration includes\"", "{file} {line} 行目: Include {target} は読み込み中のファイルを指しているため、ssh は「Too many recursive configuration includes」で停止します"),
        ("config.include-too-deep", "{file} line {line}: Include {target} is more than {depth} levels deep: ssh stops with \"Too many recursive configuration includes\"", "{file} {line} 行目: Include {target} の入れ子が {depth} 段を超えるため、ssh は「Too many recursive configuration includes」で停止します"),
        ("config.include-budget", "The Includes were read only up to {budget} ({files} files): what follows is not checked", "Include は上限（{budget}）までしか読んでいません（{files} ファイル）。それ以降は確認していません"),
        ("config.risky-no-hostkey-check", "{option} {value} ({block}): host keys are not verified, a man-in-the-middle goes unnoticed", "{option} {value}（{block}）: ホスト鍵を検証しないため、中間者攻撃に気付けません"),
        ("config.risky-known-hosts-null", "{option} {value} ({block}): host keys are never remembered", "{option} {value}（{block}）: ホスト鍵が記録されません"),
        ("config.risky-forward-agent-all", "{option} {value} for {block}: every server you log into can use your agent's keys", "{block} に {option} {value}: ログイン先のどのサーバもエージェントの鍵を使えます"),
        ("known-hosts.parse-error", "Line {line} is not a valid known_hosts entry ({reason}): ssh skips it", "{line} 行目は known_hosts の正しいエントリではないため ssh は無視します（{reason}）"),
        ("known-hosts.duplicate", "Same entry as line {first}", "{first} 行目と同じエントリです"),
        ("known-hosts.conflict", "{host} already has another {type} key on line {first}: one of them is stale", "{host} には {first} 行目に別の {type} 鍵があります。どちらかが古い鍵です"),
        ("known-hosts.revoked-key-trusted", "This key is also marked @revoked: ssh refuses it anyway", "この鍵は @revoked にもなっているため ssh は拒否します"),
        ("known-hosts.summary", "{entries} entries ({hashed} hashed), {revoked} @revoked, {authorities} @cert-authority", "{entries} 件（うちハッシュ化 {hashed} 件）、@revoked {revoked} 件、@cert-authority {authorities} 件"),
        ("agent.none", "No ssh-agent (SSH_AUTH_SOCK is not set)", "ssh-agent はありません（SSH_AUTH_SOCK 未設定）"),
        ("agent.unreachable", "The agent at {socket} cannot be reached: {error}", "{socket} のエージェントに接続できません: {error}"),
        ("agent.unusable", "The agent at {socket} does not answer like an agent: {error}", "{socket} のエージェントがエージェントとして応答しません: {error}"),
        ("agent.keys", "The agent at {socket} holds {count} keys", "{socket} のエージェントは {count} 個の鍵を持っています"),
        ("agent.too-many-keys", "{count} keys would be offered before any other method; sshd's default MaxAuthTries is {max}", "ほかの方式より先に {count} 個の鍵が提示されます。sshd の既定の MaxAuthTries は {max} です"),
        ("sshd.config-missing", "{path} does not exist", "{path} がありません"),
        ("sshd.config-source", "Effective configuration from {source}", "有効な設定の取得元: {source}"),
        ("sshd.t-failed", "sshd -T failed ({error}): the values below come from parsing the files", "sshd -T が失敗しました（{error}）。以下の値は設定ファイルの解析結果です"),
        ("sshd.not-root", "Not root: sshd -T and sshd -t were not run; the values below come from parsing the files", "root ではないため sshd -T / sshd -t は実行していません。以下の値は設定ファイルの解析結果です"),
        ("sshd.include-loop", "{file} line {line}: Include {target} names a file that is already being read: sshd stops with \"Too many recursive configuration includes\"", "{file} {line} 行目: Include {target} は読み込み中のファイルを指しているため、sshd は「Too many recursive configuration includes」で停止します"),
        ("sshd.include-too-deep", "{file} line {line}: Include {target} is more than {depth} levels deep: sshd stops with \"Too many recursive configuration includes\"", "{file} {line} 行目: Include {target} の入れ子が {depth} 段を超えるため、sshd は「Too many recursive configuration includes」で停止します"),
        ("sshd.t-unsafe", "sshd -T and sshd -t were not run: not every file of the configuration could be read whole (see above); the values below come from parsing what was read", "設定ファイルの一部を最後まで読めなかった（上記参照）ため sshd -T / sshd -t は実行していません。以下の値は読めた部分の解析結果です"),
        ("rooted.host-only", "--root: {what} not checked: it would describe this machine, not the tree", "--root 指定のため {what} は確認していません（このマシンの状態であり、ツリーのものではないため）"),
        ("sshd.directive", "{keyword} {value}", "{keyword} {value}"),
        ("sshd.t-ok", "sshd -t accepts the configuration", "sshd -t は設定を受け付けます"),
        ("sshd.config-invalid", "sshd -t: {error}", "sshd -t: {error}"),
        ("sshd.not-running", "sshd is not running and nothing listens on port {port}", "sshd が動いておらず、ポート {port} で待ち受けているものもありません"),
        ("sshd.running", "sshd is running (pids {pids}, systemd: {unit})", "sshd は動作中です（pid {pids}、systemd: {unit}）"),
        ("sshd.port-mismatch", "sshd listens on port {port}, the configuration says {config_port}", "sshd はポート {port} で待ち受けていますが、設定は {config_port} です"),
        ("sshd.port-not-listening", "Nothing listens on the configured port {port}", "設定されたポート {port} で待ち受けているものがありません"),
        ("sshd.listening", "Listening: {listeners}", "待ち受け: {listeners}"),
        ("sshd.pubkey-disabled", "PubkeyAuthentication no applies to {user}", "{user} には PubkeyAuthentication no が適用されます"),
        ("user.none-given", "No --user given: accounts, authorized_keys and access rules not checked", "--user の指定がないため、アカウント・authorized_keys・アクセス制限は確認していません"),
        ("user.missing", "There is no user {user}: sshd logs Invalid user", "ユーザ {user} は存在しません（sshd は Invalid user と記録します）"),
        ("user.passwd-unread", "Cannot tell whether {user} exists: /etc/passwd was not read ({reason})", "/etc/passwd を読めなかったため（{reason}）、{user} が存在するか判断できません"),
        ("user.no-home", "{user}'s home directory {home} does not exist", "{user} のホームディレクトリ {home} がありません"),
        ("user.ok", "{user}: home {home}, shell {shell}", "{user}: ホーム {home}、シェル {shell}"),
        ("user.shell-disabled", "{user}'s login shell is {shell}: no interactive login", "{user} のログインシェルは {shell} で、対話ログインできません"),
        ("user.shell-invalid", "{user}'s shell {shell} {reason}: sshd refuses the account", "{user} のシェル {shell} が使えないため（{reason}）sshd はアカウントを拒否します"),
        ("user.shell-not-listed", "{user}'s shell {shell} is not in /etc/shells (sshd does not care; PAM pam_shells and some tools do)", "{user} のシェル {shell} は /etc/shells にありません（sshd は気にしませんが pam_shells などは拒否します）"),
        ("strictmodes.refused", "StrictModes: sshd ignores {file} because of {path} (mode {mode}, owner uid {owner})", "StrictModes: {path}（モード {mode}、所有者 uid {owner}）のため sshd は {file} を無視します"),
        ("strictmodes.ok", "{file}: StrictModes accepts it", "{file}: StrictModes の条件を満たしています"),
        ("strictmodes.off", "{file}: StrictModes is off", "{file}: StrictModes は無効です"),
        ("authorized-keys.none", "{user} has none of the authorized keys files ({files})", "{user} には authorized_keys ファイル（{files}）がありません"),
        ("authorized-keys.unreadable", "{file} cannot be read: sshd does not use it", "{file} を読めないため、sshd はこのファイルを使いません"),
        ("authorized-keys.weak", "Weak key ({type} {bits} bits)", "弱い鍵です（{type} {bits} ビット）"),
        ("authorized-keys.bad-line", "{file} line {line} is not a valid key line: sshd skips it", "{file} {line} 行目は正しい鍵の行ではないため sshd は無視します"),
        ("authorized-keys.summary", "{file}: {count} keys", "{file}: 鍵 {count} 個"),
        ("access.denied", "{user} is not allowed: {reason}", "{user} は許可されていません: {reason}"),
        ("access.allowed", "{user} passes AllowUsers/DenyUsers/AllowGroups/DenyGroups", "{user} は AllowUsers/DenyUsers/AllowGroups/DenyGroups の条件を満たしています"),
        ("access.root-refused", "PermitRootLogin no: root cannot log in", "PermitRootLogin no のため root はログインできません"),
        ("access.root-keys-only", "PermitRootLogin {value}: root can log in with keys only", "PermitRootLogin {value}: root は鍵でのみログインできます"),
        ("firewall.not-root", "Not root: the firewall rules cannot be read", "root ではないためファイアウォールの規則を読めません"),
        ("firewall.tool-failed", "{program} failed: {error}", "{program} が失敗しました: {error}"),
        ("firewall.blocks", "{tool}: {verdict} for port {port}: {rule}", "{tool}: ポート {port} は {verdict} されます: {rule}"),
        ("firewall.accepts", "{tool}: a connection from {from} to port {port} is accepted ({rules} rules)", "{tool}: {from} からポート {port} への接続は許可されます（規則 {rules} 件）"),
        ("firewall.iptables-empty", "{tool} shows no rule in the filter table: nftables' own rule set is read instead", "{tool} の filter テーブルに規則がないため、nftables の規則を読みます"),
        ("firewall.unsupported-matches", "Rules with matches the doctor does not evaluate were treated as not matching: {matches}", "評価できない条件 {matches} を含む規則は一致しないものとして扱いました"),
        ("firewall.ufw-no-rule", "ufw is active and has no ALLOW rule for {port}/tcp", "ufw が有効で、{port}/tcp を許可する規則がありません"),
        ("firewall.firewalld-no-rule", "firewalld allows neither the ssh service nor {port}/tcp", "firewalld は ssh サービスも {port}/tcp も許可していません"),
        ("fail2ban.unreachable", "fail2ban is not reachable: {error}", "fail2ban に接続できません: {error}"),
        ("fail2ban.banned", "fail2ban jail {jail} has banned {ip}", "fail2ban の jail {jail} が {ip} を遮断しています"),
        ("fail2ban.jail", "fail2ban jail {jail}: {count} banned", "fail2ban の jail {jail}: 遮断中 {count} 件"),
        ("hosts-deny.entry", "{text}", "{text}"),
        ("hosts-deny.allowed", "hosts.allow lets it in: {text}", "hosts.allow で許可されています: {text}"),
        ("hosts-deny.denied", "hosts.deny rejects {ip}: {text}", "hosts.deny が {ip} を拒否します: {text}"),
        ("log.quiet", "LogLevel QUIET: sshd logs nothing", "LogLevel QUIET のため sshd は何も記録しません"),
        ("log.file", "sshd's log: {file}", "sshd のログ: {file}"),
        ("log.journal", "sshd's log is in the systemd journal: journalctl -u ssh -u sshd", "sshd のログは systemd journal にあります: journalctl -u ssh -u sshd"),
        ("log.missing", "No readable sshd log", "読める sshd のログがありません"),
        ("log.window", "{source}, last 24 h: {lines} sshd lines, {failures} failures, {bans} bans", "{source}（直近 24 時間）: sshd の行 {lines} 件、失敗 {failures} 件、遮断 {bans} 件"),
        ("log.failures-by-id", "{id}: {count} failures, the last at {last}", "{id}: 失敗 {count} 件、最後は {last}"),
        ("log.top-addresses", "Most failures came from {addresses}", "失敗の多い送信元: {addresses}"),
        ("log.top-users", "Most failures were for {users}", "失敗の多いユーザ: {users}"),
        ("log.ban", "{action} {ip} at {time}", "{time} に {action} {ip}"),
        ("log.subject-clean", "No failure concerning {subject} in the last 24 h", "直近 24 時間に {subject} に関する失敗はありません"),
        ("log.subject-failure", "{subject}: {count} × {id} in the last 24 h, the last at {time}: {text}", "{subject}: 直近 24 時間に {id} が {count} 件、最後は {time}: {text}"),
        ("log.subject-failure-past", "{subject}: {count} × {id} in the last 24 h, the last at {time}, but later {since}: {text}", "{subject}: 直近 24 時間に {id} が {count} 件（最後は {time}）。その後 {since}: {text}"),
        ("log.tail-only", "{source} is large: only its last {detail} were read", "{source} が大きいため、最後の {detail} だけを読みました"),
        ("log.unreadable", "{source} cannot be read: {detail}", "{source} を読めません: {detail}"),
        ("log.journal-failed", "journalctl failed: {detail}", "journalctl が失敗しました: {detail}"),
        ("log.journal-timeout", "journalctl did not finish within {detail}: the summary covers what it wrote until then", "journalctl が {detail} 以内に終わらなかったため、それまでの出力だけを集計しました"),
        ("log.journal-cut", "The journal's output was cut at the size bound: only the newest {detail} entries were read", "journal の出力が上限で切れたため、新しい {detail} 件だけを読みました"),
        ("selinux.disabled", "SELinux is not enabled: labels not checked", "SELinux が無効のためラベルは確認していません"),
        ("selinux.label-ok", "{path}: {context}", "{path}: {context}"),
        ("selinux.label-unreadable", "{path}: its SELinux label cannot be read (getfattr from the attr package is needed)", "{path}: SELinux ラベルを読めません（attr パッケージの getfattr が必要です）"),
        ("selinux.label-wrong", "{path} is labelled {type} ({context}), not {expected}: SELinux denies sshd reading it; run `restorecon -R -v ~{user}/.ssh`", "{path} のラベルは {expected} ではなく {type}（{context}）のため、SELinux が sshd の読み取りを拒否します。`restorecon -R -v ~{user}/.ssh` を実行してください"),
        ("selinux.label-wrong-permissive", "{path} is labelled {type} ({context}), not {expected}: SELinux is permissive, so sshd still reads it but logs an AVC; enforcing would refuse it; run `restorecon -R -v ~{user}/.ssh`", "{path} のラベルは {expected} ではなく {type}（{context}）です。SELinux が permissive のため sshd は読めますが AVC が記録され、enforcing では拒否されます。`restorecon -R -v ~{user}/.ssh` を実行してください"),
    ];

    /// <summary>A code may have several texts, most specific first: the first whose placeholders all have values is used.</summary>
    private static readonly Dictionary<string, (string English, string Japanese)[]> ByCode =
        Table.GroupBy(t => t.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(t => (t.English, t.Japanese)).ToArray(), StringComparer.Ordinal);

    public static IEnumerable<string> Codes => ByCode.Keys;

    public static bool Has(string code) => ByCode.ContainsKey(code);

    /// <summary>Every text of every code, for the conventions tests.</summary>
    public static IEnumerable<(string Code, string English, string Japanese)> All => Table;

    public static string Text(Finding finding, Language language)
    {
        if (!ByCode.TryGetValue(finding.Code, out var texts))
        {
            return finding.Code;
        }

        var text = texts.FirstOrDefault(t => Placeholders(t.English).All(finding.Values.ContainsKey), texts[^1]);
        return Fill(language == Language.Japanese ? text.Japanese : text.English, finding.Values);
    }

    /// <summary>
    /// Prose is filled as it is; a command written between backticks is filled as a command (quoted, implausible values
    /// left as placeholders), because a reader may copy it.
    /// </summary>
    private static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        var parts = text.Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = i % 2 == 1 ? Template.FillCommand(parts[i], values) : Template.Fill(parts[i], values);
        }

        return string.Join('`', parts);
    }

    /// <summary>The {names} a text fills in.</summary>
    public static IEnumerable<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value);

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial System.Text.RegularExpressions.Regex PlaceholderPattern();
}
