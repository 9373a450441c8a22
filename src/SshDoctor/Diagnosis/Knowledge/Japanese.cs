namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>The catalogue in Japanese: one entry per diagnosis id, same fixes in the same order as <see cref="English"/>.</summary>
internal static class Japanese
{
    public static IReadOnlyDictionary<string, KnowledgeText> Entries { get; } = new Dictionary<string, KnowledgeText>(StringComparer.Ordinal)
    {
        // ── config ──────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.ConfigBadOption] = new(
            "{file} の {line} 行目: この ssh はオプション {option} を認識できません",
            "設定ファイルに、インストール済みの OpenSSH が知らないキーワードがあるため、ssh は接続前に終了しました（エラーではキーワードが小文字で表示されます）。"
            + "多いのはスペルミス、手元より新しい OpenSSH で追加されたオプション（KnownHostsCommand、RequiredRSASize、ChannelTimeout など）、sshd_config 用のサーバ側オプションを ssh_config に書いてしまったケースです。"
            + "ssh -V のバージョンとそのオプションが追加されたリリースを比べれば、typo かバージョン差かを判別できます。",
            [
                new FixText("{file} の {line} 行目の {option} の綴りを直すか行を削除し、設定を読み直して確認します", "ssh -G {host} > /dev/null"),
                new FixText("インストール済みの OpenSSH のバージョンを確認し、{option} に新しいリリースが必要なら更新します", "ssh -V"),
                new FixText("新しいクライアントとファイルを共有している場合は、最初に使う行より前に「IgnoreUnknown {option}」を書くと、古いクライアントはその行を無視します"),
            ]),

        [DiagnosisIds.ConfigBadPermissions] = new(
            "{file} の所有者またはパーミッションが不正なため、ssh が読み込みを拒否しています",
            "ssh は ~/.ssh/config と Include されるすべてのファイルについて、所有者が本人（または root）で、グループ・その他に書き込み権がないことを要求し、満たさないと「Bad owner or permissions」で停止します。"
            + "別のマシンからのコピー、アーカイブの展開、umask 002 での作成などが原因になりがちです。"
            + "Debian/Ubuntu はグループのメンバーが本人だけならグループ書き込みを許容しますが、upstream の OpenSSH や RHEL 系はグループ書き込みを一切認めません。",
            [
                new FixText("{file} からグループ・その他の権限を外します。ssh-doctor fix は、他のアカウントの所有なら（root で実行したとき）所有者も戻し、~/.ssh の残りも整えます。モードを緩めることはしません", "chmod go-rwx {file}", Automatic: true),
                new FixText("{file} が他のアカウントの所有になっている場合は、自分の所有に戻します", "sudo chown \"$(id -un)\" {file}"),
            ],
            OnWindows:
            [
                new FixText("Windows の OpenSSH はモードではなくアクセス制御リストを確認します。PowerShell で {file} の継承されたエントリを外し、自分・SYSTEM・Administrators だけがアクセスできるようにします", "icacls {file} /inheritance:r /grant \"$($env:USERNAME):F\" /grant SYSTEM:F /grant Administrators:F"),
                new FixText("{file} に今アクセスできるアカウントを表示します。メッセージに出たアカウントが消えていれば解決です", "icacls {file}"),
            ]),

        [DiagnosisIds.ConfigIncludeLoop] = new(
            "{file} {line} 行目: Include {target} が終わらないため、ssh は「Too many recursive configuration includes」で停止します",
            "Include の行が、読み込み中のファイル自身を指しています（直接、別のファイル経由、または Include ~/.ssh/config.d/* のようなグロブが Include 元のファイルにも一致する場合）。あるいは Include の入れ子が {depth} 段を超えています。"
            + "OpenSSH は Include を {depth} 段までたどったところで停止し、設定全体を先に読むため、どのホストにも接続できなくなります。"
            + "sshd もこのような sshd_config では同じように停止します。",
            [
                new FixText("Include の行を開き、自分を Include し返さないファイルだけを指すようにします（グロブが Include 元のファイルに一致しないようにします）", "grep -n -i '^[[:space:]]*include' {file}"),
                new FixText("ssh が設定を読み直せることを確認します", "ssh -G localhost > /dev/null"),
            ]),

        [DiagnosisIds.ConfigInvalidName] = new(
            "ssh が接続先を拒否しています: ホスト名またはユーザ名に使えない文字が含まれています",
            "ssh はコマンドラインで指定されたホスト名とユーザ名（user@host、-l、-o User=、-J）を設定ファイルを読む前に検査し、名前が「-」で始まる場合（オプションと解釈されるため）や、シェルが解釈する文字（引用符、`、;、&、|、<、>、丸括弧、波括弧、制御文字。ホスト名ではさらに $、空白、カンマ、バックスラッシュ）を含む場合に「hostname contains invalid characters」または「remote username contains invalid characters」と出力して停止します。"
            + "こうした名前は ProxyCommand、LocalCommand、Match exec の %h や %r を通じてシェルに渡ってしまうためです（CVE-2023-51385。OpenSSH 9.6 以降と、古い版に対するディストリビューションのセキュリティ更新で検査されます）。"
            + "ssh-doctor も同じ規則で名前を検査し、その名前では何も実行しません。証拠欄には指定されたとおりの名前を示します。",
            [
                new FixText("名前に誤字、余計な引用符、貼り付けで紛れ込んだ空白がないか確認します。スクリプトや他のプログラムの出力から得た名前は壊れているか悪意のあるものかもしれないため、確かめずに渡さないでください"),
                new FixText("正しい形の名前で ssh がどのホストとユーザに解決するかを確認します（~/.ssh/config の Host 別名に実際の HostName と User を書けます）", "ssh -G {host} | grep -Ei '^(hostname|user) '"),
                new FixText("そうした文字を本当に含むユーザ名（ディレクトリサービスのアカウントなど）は、~/.ssh/config の Host ブロックの User で指定できます。ssh が検査するのはコマンドラインで指定された名前だけです"),
            ]),

        [DiagnosisIds.ConfigBadValue] = new(
            "ssh が設定の値を受け付けません: {problem}",
            "ssh は接続の前に設定をすべて読みます（-o オプション。ssh はこれを「command-line line 0」と呼びます。次に ~/.ssh/config とその Include、最後に /etc/ssh/ssh_config）。使えない値があると、その最初の箇所で停止します。1〜65535 の範囲外のポート、この OpenSSH が知らないアルゴリズム名（新しい版で削除されたものや、+/- 付きの一覧の書き間違いがよくあります）、形式の誤った時間や数値、yes/no のオプションに与えた別の語、引数のないキーワードなどです。"
            + "キーワード自体は正しく（config.bad-option とは違います）、値が正しくありません。サーバには何も送られていません。"
            + "メッセージに直すべきファイルと行が示されています。",
            [
                new FixText("ssh が示すファイルと行の値を直し（「command-line line 0」なら -o や -p のオプションそのもの）、ssh に設定を読み直させます", "ssh -G {host} > /dev/null"),
                new FixText("この ssh が受け付けるアルゴリズム名を一覧し、値と見比べます", "ssh -Q cipher; ssh -Q mac; ssh -Q kex; ssh -Q key"),
            ]),

        [DiagnosisIds.KeyNotFound] = new(
            "鍵ファイル {key} が存在しないか読み込めません",
            "IdentityFile の行または -i オプションで指定した鍵ファイルが存在しないか読めないため、ssh はその鍵を提示できず、他の鍵で試行を続けます（結果として Permission denied になることが多いです）。"
            + "パスの打ち間違い、このマシンに鍵をコピーしていない、ファイル名を変えた（.pem で保存した など）といった原因がよくあります。"
            + "~/.ssh に実際にある鍵ファイルは doctor が一覧表示します。",
            [
                new FixText("~/.ssh にある鍵ファイルを確認します", "ls -l ~/.ssh"),
                new FixText("このホストに対して ssh が実際に使う鍵ファイルを確認し、IdentityFile のパスや -i の引数を直します", "ssh -G {host} | grep -i '^identityfile'"),
                new FixText("鍵が別のマシンにしかない場合はコピーしてきます。新しく作る場合はそのパスに生成し、公開鍵をサーバに登録します", "ssh-keygen -t ed25519 -f {key}"),
            ]),

        // ── dns ─────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.DnsUnresolved] = new(
            "ホスト名 {host} を IP アドレスに解決できません",
            "ssh がホスト名を IP アドレスに変換できなかったため、接続そのものを行っていません。"
            + "「Name or service not known」はその名前が存在しないことを示し、typo、DNS レコードの未登録、~/.ssh/config のエイリアスに正しい HostName がない、などが考えられます。"
            + "「Temporary failure in name resolution」は DNS サーバにまったく到達できない状態で、社内ネットワーク専用の名前を VPN 未接続で引いた場合も同様に失敗します。",
            [
                new FixText("このマシンから名前がどう解決されるかを確認します（getent は /etc/hosts も参照します）", "getent hosts {host}; dig +short {host}"),
                new FixText("{host} が ~/.ssh/config のエイリアスかどうか、ssh が実際に使う HostName を確認します", "ssh -G {host} | grep -i '^hostname'"),
                new FixText("何も解決できない場合は、リゾルバの設定とネットワーク・VPN の接続状態を確認します", "cat /etc/resolv.conf"),
            ]),

        [DiagnosisIds.DnsChanged] = new(
            "{host} の解決先アドレスが以前と変わっています",
            "現在の名前の解決先が、前回（doctor の履歴または known_hosts）記録されたアドレスと異なります。"
            + "クラウドのインスタンスを停止・起動してパブリック IP が変わった場合や、DNS レコードの更新漏れ・キャッシュの残りでよく起きます。"
            + "アドレスが違えば別のマシンである可能性もあるため、続けてホスト鍵の警告が出た場合は慎重に扱ってください。",
            [
                new FixText("現在のアドレスをクラウドのコンソール上のアドレスと比べ、DNS レコードまたは ~/.ssh/config の HostName を更新します", "getent hosts {host}"),
                new FixText("ローカルの DNS キャッシュが古いアドレスを保持している場合はクリアします（systemd-resolved の例）", "resolvectl flush-caches"),
                new FixText("クラウドのインスタンスなら、固定アドレス（Elastic IP、静的外部 IP）を割り当てて変わらないようにします"),
            ]),

        // ── tcp ─────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.TcpRefused] = new(
            "接続拒否: {host} のポート {port} で接続を受け付けているものがありません",
            "そのアドレスのマシンは応答しましたが、TCP 接続を拒否しました。そのポートで待ち受けているプロセスがないか、ファイアウォールが RST で拒否しています。"
            + "よくある原因は、sshd の停止や起動失敗、sshd が別のポートで待ち受けている（sshd_config の Port 行）、ホストのファイアウォールの REJECT ルール、fail2ban による拒否です。"
            + "応答自体は返ってきているので、アドレスや経路はおそらく正常で、調べるべきはサーバ側です。",
            [
                new FixText("サーバ上で（コンソールなど別経路から）sshd を起動し、自動起動を有効にします。ユニット名は Debian/Ubuntu では ssh、RHEL/Fedora では sshd です", "sudo systemctl enable --now ssh || sudo systemctl enable --now sshd"),
                new FixText("サーバ上で sshd が実際に待ち受けているポートを確認し、{port} でなければ -p でそのポートを指定して接続します", "sudo ss -tlnp | grep -i sshd"),
                new FixText("サーバ上でホストのファイアウォールのポートを開けます（例は ufw。firewalld なら firewall-cmd --permanent --add-port={port}/tcp の後に firewall-cmd --reload）", "sudo ufw allow {port}/tcp"),
                new FixText("サーバ上で fail2ban に接続元アドレスが BAN されていないか確認します", "sudo fail2ban-client status sshd"),
            ]),

        [DiagnosisIds.TcpTimeout] = new(
            "{host} のポート {port} への接続がタイムアウトしました（応答なし）",
            "接続要求に対して受け入れも拒否も返ってこなかったため、パケットは経路上のどこかで黙って破棄されています。"
            + "多いのは、クラウドのファイアウォール（セキュリティグループ、NSG、VPC ファイアウォールルール）が接続元からのポートを許可していない、ホストのファイアウォールが DROP している、マシンが停止している、アドレスが誤っている（停止・起動でパブリック IP が変わった場合など）です。"
            + "VPN が必要なネットワークや、外向きの 22 番ポートを塞いでいるネットワークでも同じ症状になります。",
            [
                new FixText("ここからポートが数秒以内に応答するか確認します", "nc -vz -w 5 {host} {port}"),
                new FixText("クラウドのファイアウォールが、現在のグローバル IP（このコマンドで表示）から TCP {port} を許可しているか確認します", "curl -s https://checkip.amazonaws.com"),
                new FixText("アドレスが今も正しいか確認します。パブリック IP は停止・起動で変わります", "getent hosts {host}"),
                new FixText("パケットがどこまで届いているかを調べます", "traceroute {host}"),
            ]),

        [DiagnosisIds.TcpUnreachable] = new(
            "{host} に到達できません（ホストまたはネットワークへの経路がありません）",
            "接続は「No route to host」または「Network is unreachable」で即座に失敗しました。"
            + "「Network is unreachable」はこのマシンにそのアドレスへの経路がまったくない状態で、デフォルトルートがない、IPv6 接続がないのに IPv6 アドレスへ接続した、VPN が未接続、といった原因が考えられます。"
            + "「No route to host」は多くの場合、相手ホストが停止しているか同一セグメント上で応答しない、またはファイアウォールが ICMP host-prohibited で拒否している（firewalld や多くの iptables 設定の既定の REJECT）ことを示します。",
            [
                new FixText("このマシンがそのアドレスに使う経路を確認します", "ip route get {ip}"),
                new FixText("プライベートアドレスや社内ネットワークのアドレスであれば、先に VPN に接続します"),
                new FixText("ホストが起動しているか確認します（クラウドのコンソール、または同じネットワーク上のマシンから ping）", "ping -c 3 {host}"),
                new FixText("サーバ上で ICMP で拒否するファイアウォールルールを探します", "sudo iptables -S | grep -i reject"),
            ]),

        // ── banner ──────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.TcpResetBeforeBanner] = new(
            "{host} は接続を受け付けた後、SSH のバナーを送る前に切断しました",
            "TCP 接続は成立しましたが、サーバは SSH のバナーを送る前に接続を閉じるかリセットしました。つまり sshd かその手前の何かが、このクライアントを意図的に拒否しています。"
            + "典型的な原因は TCP Wrapper（Debian/Ubuntu の sshd は今も /etc/hosts.deny を参照します）、fail2ban や sshguard の BAN、MaxStartups による制限、OpenSSH 9.8 以降では認証失敗の繰り返しに対する PerSourcePenalties、バックエンドが落ちているロードバランサやポートフォワードです。"
            + "ssh -v で「banner line 0: Not allowed at this time」や「Exceeded MaxStartups」が出ていれば流量制限で、サーバのログの「refused connect from」「past MaxStartups」「penalty:」から原因を特定できます。",
            [
                new FixText("サーバ上で fail2ban に接続元アドレスが BAN されていないか確認します（解除は fail2ban-client set sshd unbanip ADDRESS）", "sudo fail2ban-client status sshd"),
                new FixText("サーバ上で TCP Wrapper の設定ファイルに sshd や ALL の行がないか確認します", "grep -nE '^[^#]*(sshd|ALL)' /etc/hosts.allow /etc/hosts.deny"),
                new FixText("サーバ上で接続を試みた時刻の sshd のログを確認します", "sudo journalctl -u ssh -u sshd --since '15 min ago' --no-pager | grep -Ei 'refused connect|maxstartups|penalty'"),
                new FixText("流量制限が原因なら、1 分ほど待ってから再試行し、大量に接続を張るスクリプトを止めます。信頼できるネットワークはサーバ側で PerSourcePenaltyExemptList に追加できます"),
            ]),

        [DiagnosisIds.BannerNotSsh] = new(
            "{host} のポート {port} は SSH ではありません",
            "そのポートでは何かが応答しましたが、最初のバイト列が SSH のバナー（SSH-2.0-...）ではなかったため、ssh は「invalid format」や「banner line contains invalid characters」で中断しました。"
            + "ポートが別のサービス（Web サーバ、TLS、メールなど）のものである、透過プロキシやキャプティブポータルが通信を横取りしている、ポートフォワードの転送先が誤っている、といった状況です。"
            + "証拠として表示される受信データの先頭を見れば、たいていどのプロトコルか分かります。",
            [
                new FixText("ポートが何を返すか確認します（SSH サーバなら SSH-2.0- で始まります）", "timeout 5 nc {host} {port} | head -c 200"),
                new FixText("サーバ上で sshd が実際に待ち受けているポートを調べ、そのポートに接続します", "sudo ss -tlnp | grep -i sshd"),
                new FixText("このネットワークでプロキシやキャプティブポータルが通信を横取りしている場合は、ポータルにログインするか別のネットワークから試します"),
            ]),

        [DiagnosisIds.BannerTimeout] = new(
            "{host} は接続を受け付けましたが、SSH のバナーが返ってきません",
            "TCP 接続は確立しましたが、タイムアウトまでに SSH のバナーが届きませんでした。"
            + "典型的な原因は、sshd の過負荷や停止状態（高負荷、メモリ不足、MaxStartups の待ち行列が満杯）、UseDNS が有効で逆引きに時間がかかっている、ファイアウォールやプロキシ、tarpit が接続を受けたまま sshd に渡していない、のいずれかです。"
            + "タイムアウトを延ばしてバナーが返ってくるなら、遮断ではなくサーバが遅いだけと判断できます。",
            [
                new FixText("サーバ上で負荷と、接続を試みた時刻の sshd のログを確認します", "uptime; sudo journalctl -u ssh -u sshd -n 50 --no-pager"),
                new FixText("サーバ上で /etc/ssh/sshd_config に UseDNS no を設定し、構文を確認してから sshd を reload します", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
                new FixText("タイムアウトを延ばして再試行し、単に遅いだけかどうかを確かめます", "ssh -v -o ConnectTimeout=60 -p {port} {user}@{host}"),
            ]),

        // ── kex ─────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.KexNoCommonKex] = new(
            "{host} と共通の鍵交換方式がありません（サーバが提示しているのは {offer} のみ）",
            "クライアントとサーバに共通の鍵交換アルゴリズムがないため、認証の前の段階で接続が止まっています。"
            + "ほとんどの場合、サーバが古い sshd やネットワーク機器で、現在の OpenSSH が既定で無効にしている SHA-1 の Diffie-Hellman 方式（diffie-hellman-group1-sha1、diffie-hellman-group14-sha1）しか持っていません。まれに、クライアント側で KexAlgorithms を絞り込んでいる場合や、新しいクライアントが強化設定・FIPS 設定のサーバに接続した場合もあります。"
            + "古い方式を有効にすると安全性が下がるため、このホストに限定し、サーバの更新を計画してください。",
            [
                new FixText("ssh-doctor fix が、このホストに限って ~/.ssh/config に Host {host} / KexAlgorithms +{algorithm} を追加します（古いアルゴリズムであることを示すコメント付き）", Automatic: true),
                new FixText("このホストに限ってサーバの方式を許可します。~/.ssh/config に Host {host} / KexAlgorithms +{algorithm} を追加します（先にコマンドで動作を確認）", "ssh -o KexAlgorithms=+{algorithm} -p {port} {user}@{host}"),
                new FixText("本来の対処: サーバの OpenSSH や機器のファームウェアを更新し、curve25519-sha256 などの新しい方式を提示させます。OpenSSH のサーバなら設定上の提示内容を確認します", "sudo sshd -T | grep -i '^kexalgorithms'"),
                new FixText("自分の設定でこのホストの KexAlgorithms を制限していないか確認します", "ssh -G {host} | grep -i '^kexalgorithms'"),
            ]),

        [DiagnosisIds.KexNoCommonHostKey] = new(
            "{host} と共通のホスト鍵の種類がありません（サーバが提示しているのは {offer} のみ）",
            "サーバは、クライアントがもう受け入れない種類のホスト鍵でしか自分を証明できません。"
            + "典型的なのは SHA-1 署名の RSA ホスト鍵（ssh-rsa）しか持たないサーバで、これは OpenSSH 8.8 以降で既定で無効です。DSA 鍵（ssh-dss）のみの場合は 7.0 で無効化、10.0 で完全に削除されているため、古いクライアントを使うかサーバを更新するしかありません。"
            + "自分の設定の HostKeyAlgorithms を狭く絞りすぎていても同じエラーになります。",
            [
                new FixText("ssh-doctor fix が、このホストに限って ~/.ssh/config に Host {host} / HostKeyAlgorithms +{algorithm} を追加します（古いアルゴリズムであることを示すコメント付き）", Automatic: true),
                new FixText("このホストに限って古い種類を許可します。~/.ssh/config に Host {host} / HostKeyAlgorithms +{algorithm} を追加します（先にコマンドで動作を確認）", "ssh -o HostKeyAlgorithms=+{algorithm} -p {port} {user}@{host}"),
                new FixText("ログインに使う鍵も RSA なら、同じ Host ブロックに PubkeyAcceptedAlgorithms +ssh-rsa も追加します", "ssh -o HostKeyAlgorithms=+{algorithm} -o PubkeyAcceptedAlgorithms=+ssh-rsa -p {port} {user}@{host}"),
                new FixText("サーバ上で不足している新しいホスト鍵（Ed25519）を生成し、OpenSSH を更新します。sshd_config の HostKey 行で除外されていないかも確認します", "sudo ssh-keygen -A && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
            ]),

        [DiagnosisIds.KexNoCommonCipher] = new(
            "{host} と共通の暗号方式がありません（サーバが提示しているのは {offer} のみ）",
            "サーバが対応している暗号方式が、クライアントがすでに提示しなくなったものだけです。古いスイッチやルータ、アプライアンスにある aes128-cbc や 3des-cbc などの CBC モードが典型です。"
            + "OpenSSH は 7.6 で CBC 方式を既定のリストから外しました。"
            + "特定のホストに限って有効にすれば接続できますが、そのセッションの暗号強度は下がります。",
            [
                new FixText("ssh-doctor fix が、このホストに限って ~/.ssh/config に Host {host} / Ciphers +{algorithm} を追加します（古いアルゴリズムであることを示すコメント付き）", Automatic: true),
                new FixText("このホストに限ってその暗号方式を許可します。~/.ssh/config に Host {host} / Ciphers +{algorithm} を追加します（先にコマンドで動作を確認）", "ssh -o Ciphers=+{algorithm} -p {port} {user}@{host}"),
                new FixText("本来の対処: サーバの SSH ソフトウェアやファームウェアを更新し、aes128-ctr、aes256-gcm@openssh.com、chacha20-poly1305@openssh.com に対応させます"),
            ]),

        [DiagnosisIds.KexNoCommonMac] = new(
            "{host} と共通の MAC 方式がありません（サーバが提示しているのは {offer} のみ）",
            "サーバが提示する MAC（メッセージ認証コード）が、hmac-md5 や hmac-sha1-96 など、クライアントが既定で有効にしていないものだけです。"
            + "古い sshd や組み込み機器でよく見られます。"
            + "特定のホストに限って有効にすれば接続できますが、そのセッションの改ざん検知は弱くなります。",
            [
                new FixText("ssh-doctor fix が、このホストに限って ~/.ssh/config に Host {host} / MACs +{algorithm} を追加します（古いアルゴリズムであることを示すコメント付き）", Automatic: true),
                new FixText("このホストに限ってその MAC を許可します。~/.ssh/config に Host {host} / MACs +{algorithm} を追加します（先にコマンドで動作を確認）", "ssh -o MACs=+{algorithm} -p {port} {user}@{host}"),
                new FixText("本来の対処: サーバの SSH ソフトウェアやファームウェアを更新し、hmac-sha2-256 や hmac-sha2-512 を提示させます"),
            ]),

        [DiagnosisIds.KexInterrupted] = new(
            "{host} は SSH のバナーを送った後、ログイン前に接続を打ち切りました",
            "サーバは SSH の識別行（バナー）で応答したので、そこには sshd などの SSH サーバがいます。しかしその後、鍵交換の途中や最初の認証要求の時点で、ログインの可否が決まる前に接続を閉じたか、リセットしたか、応答しなくなりました。"
            + "ssh には「Connection closed by HOST port PORT」や「Connection reset by ...」としか表示されず（あるいは待ち続け）、-v ではこれが「Remote protocol version ...」の後に出ます。"
            + "典型的な原因は、接続を受け付けた後で sshd が失敗している（接続ごとのプロセスがホスト鍵を読めない、sshd_config の Match ブロックの誤り、PAM や暗号ライブラリのクラッシュなど。サーバのログに「fatal:」の行が残ります）、SSH の通信を検知すると切断するファイアウォール・IPS・プロキシ、大きなパケットを落とす経路（VPN やトンネルの MTU の誤り。最初の大きなパケットが流れる KEXINIT の交換直後で止まります）です。"
            + "tcp.reset-before-banner と違い、サーバは先に SSH を話しています。",
            [
                new FixText("サーバ上で接続を試みた時刻の sshd のログを確認します。「fatal:」や「error:」の行が失敗の内容を示します", "sudo journalctl -u ssh -u sshd --since '15 min ago' --no-pager | grep -Ei 'fatal|error|kex'"),
                new FixText("サーバ上で設定と、sshd が読み込むホスト鍵を確認します", "sudo sshd -t && sudo sshd -T | grep -i '^hostkey'"),
                new FixText("鍵交換が始まったところで止まる場合は、VPN やトンネルのインタフェースの MTU を下げて試します（試験的に: sudo ip link set dev IFACE mtu 1200）"),
                new FixText("別のネットワークから接続して比べます。そちらで成功するなら、この経路上のファイアウォールやプロキシが SSH を妨げています"),
            ]),

        [DiagnosisIds.KexProtocolError] = new(
            "{host} が SSH プロトコルに反するデータを送ってきました",
            "SSH のバナーの後、サーバは正しい SSH サーバなら決して送らないものを送ってきました。SSH が許す上限を超えるパケット長、壊れたメッセージ、不正な鍵交換の値（共有秘密がゼロになる curve25519 の点など）、内部の長さの辻褄が合わないホスト鍵、提示したホスト鍵では検証できない鍵交換への署名、あるいは終わりのない大量送信です。"
            + "ssh は「ssh_dispatch_run_fatal: Connection to HOST port PORT: ...」で中断します。たとえば「incorrect signature」「invalid elliptic curve value」、あるいは「Bad packet length N.」に続く「message authentication code incorrect」です。"
            + "原因は、壊れた、あるいは特殊な SSH 実装（組み込み機器、ハニーポット）、サーバのメモリやディスクの破損、通信を書き換える中継装置、あるいはサーバのホスト鍵を持っていることを証明できない中間者です。"
            + "署名が検証できないのは、サーバが自分の身元を証明できなかったということです。サーバを確認するまで、このホスト鍵を信用したり known_hosts に記録したりしないでください。",
            [
                new FixText("-v を付けて一度だけ再試行します。同じエラーが繰り返されるなら、一時的なネットワークの不調ではありません", "ssh -v -p {port} {user}@{host}"),
                new FixText("別のネットワークから接続します。そちらで成功するなら、この経路上の何か（プロキシ、IPS、中間者）が SSH の通信を書き換えています"),
                new FixText("サーバ上で、そのポートでどのプログラムが待ち受けているか、SSH ソフトウェアが壊れていないかを確認します", "sudo ss -tlnp sport = :{port}"),
                new FixText("サーバの SSH ソフトウェアやファームウェアを更新します。解決しない場合はベンダーにエラーを報告します"),
            ]),

        // ── hostkey ─────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.HostKeyChanged] = new(
            "前回の接続以降、{host} のホスト鍵が変わっています",
            "サーバが提示したホスト鍵が known_hosts に記録された鍵と一致しないため、ssh は接続を中止しました。"
            + "OS の再インストールやホスト鍵の再生成、アドレスや名前が別のマシンに割り当てられた場合には当然起きますが、中間者攻撃（man-in-the-middle）もまったく同じ見え方をします。"
            + "新しいフィンガープリントを、サーバのコンソール、クラウド事業者の起動ログ、管理者など、この接続とは別の信頼できる経路で確認するまでは、古いエントリを削除しないでください。",
            [
                new FixText("サーバのコンソールで（この接続経由ではなく）ホスト鍵のフィンガープリントを表示し、{fingerprint} と照合します", "for f in /etc/ssh/ssh_host_*_key.pub; do ssh-keygen -lf \"$f\"; done"),
                new FixText("一致した場合に限り、{known_hosts_name} の古いエントリ（{file}:{line}）を ssh-keygen -R と同じように削除します。元の内容は known_hosts.old に残ります。ssh-doctor fix は記録済みと提示されたフィンガープリントを並べて示し、yes と入力すると、プローブが検証した鍵の追加まで行います", "ssh-keygen -R {known_hosts_name} -f {file}", Automatic: true),
                new FixText("再接続し、表示されたフィンガープリントが確認済みのものと同じ場合だけ受け入れます", "ssh -p {port} {user}@{host}"),
            ]),

        [DiagnosisIds.HostKeyUnknown] = new(
            "{host} のホスト鍵が known_hosts にありません",
            "この名前のホスト鍵が記録されていません。確認の問い合わせができない状態（StrictHostKeyChecking yes、BatchMode、端末なし：スクリプト、git、CI）では、ssh は 'Host key verification failed' として接続を拒否します。端末からの接続では、フィンガープリントを表示して信頼するかどうかを尋ねます。"
            + "CI や cron、スクリプトからの初回接続、新しいサーバ、既知のサーバに別の名前やポートで接続した場合（22 以外のポートは [host]:port の形で記録されます）によく起きます。"
            + "鍵を取得し、信頼できる情報源のフィンガープリントと照合してから追加してください。ホスト鍵チェックを無効にするのは対処になりません。",
            [
                new FixText("サーバのホスト鍵をファイルに取得し、フィンガープリントを表示します", "ssh-keyscan -p {port} {host} > known_hosts.new && ssh-keygen -lf known_hosts.new"),
                new FixText("サーバのコンソールやクラウド事業者が示すフィンガープリントと一致したら、そのファイルを known_hosts に追加します", "cat known_hosts.new >> ~/.ssh/known_hosts"),
                new FixText("対話的に初回接続できる場合は、一度手動で接続し、表示されたフィンガープリントを照合してから yes と答えます", "ssh -p {port} {user}@{host}"),
                new FixText("または ssh-doctor fix に、プローブが検証した鍵を追加させます。フィンガープリントが表示され、yes と入力したとき（または確認済みのフィンガープリントを --expect-fingerprint で渡したとき）に限ります", Automatic: true),
            ]),

        [DiagnosisIds.HostKeyRevoked] = new(
            "{host} のホスト鍵は失効済み（revoked）として登録されています",
            "サーバが提示した鍵が known_hosts の @revoked エントリ（または RevokedHostKeys ファイル）に一致しました。鍵の漏洩やマシンの廃止などの理由で、今後二度と信頼しないと意図的に決められた鍵です。"
            + "ssh は接続せず、これを回避するためのオプションも使うべきではありません。"
            + "サーバの管理者に、失効の理由と現在サーバが提示すべき鍵を確認してください。",
            [
                new FixText("接続せず、{host} が現在持つべきホスト鍵を管理者に確認します"),
                new FixText("このホストについて known_hosts に登録されている内容（失効エントリを含む）を表示します", "ssh-keygen -F {host}"),
            ]),

        [DiagnosisIds.HostKeyTypeMismatch] = new(
            "{host} が known_hosts にまだない種類のホスト鍵を提示しました",
            "known_hosts にはこのホストの鍵がありますが、今回サーバが使った種類（例: ED25519）とは別の種類（例: RSA）のものだけです。"
            + "OpenSSH はこれを鍵の変更とまったく同じに扱い、「REMOTE HOST IDENTIFICATION HAS CHANGED」の警告を全文表示しますが、古い鍵は今も有効な場合があります。サーバが更新で新しい種類の鍵を持った、あるいはクライアントが別の種類を優先するようになった、というのがよくある経緯です。"
            + "ホスト鍵の変更と同様、信頼する前に新しい鍵を確認してください。",
            [
                new FixText("サーバの全ホスト鍵のフィンガープリントを取得し、新しい種類の鍵をサーバのコンソールの値と照合します", "ssh-keyscan -p {port} {host} 2>/dev/null | ssh-keygen -lf -"),
                new FixText("確認できたら {file} から {known_hosts_name} の記録済みエントリを削除し、次回の接続で新しい鍵を受け入れます", "ssh-keygen -R {known_hosts_name} -f {file}"),
                new FixText("または、すでに信頼している種類を使い続けます。~/.ssh/config の Host {host} で HostKeyAlgorithms をその種類に設定します（RSA 鍵なら rsa-sha2-512,rsa-sha2-256）"),
            ]),

        // ── auth ────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.AuthPublicKeyNotAuthorized] = new(
            "{user} として提示した鍵がどれもサーバに受け入れられませんでした",
            "クライアントが提示した公開鍵はすべて拒否されましたが、サーバはその理由をクライアントに一切伝えません。"
            + "多くの場合、対応する公開鍵がサーバ上のそのユーザの ~/.ssh/authorized_keys にない、登録した鍵とは別の鍵を提示している、別のアカウントに鍵を登録してしまった、のいずれかです。"
            + "サーバ側の問題（~/.ssh のパーミッション不備、AllowUsers、PubkeyAcceptedAlgorithms）もクライアントからは同じに見えるため、判断材料は sshd のログで、「Authentication refused」や「not allowed because」の行を探します。"
            + "既定の LogLevel INFO では拒否された鍵はログに残らないので、LogLevel VERBOSE にすると、試された鍵のフィンガープリント付きで「Failed publickey for USER ... SHA256:...」が記録されます。",
            [
                new FixText("クライアントが提示している鍵を確認し、そのフィンガープリントをサーバの authorized_keys の内容と照合します", "ssh -v -p {port} {user}@{host} 2>&1 | grep -E 'Offering|Trying private key|Server accepts'"),
                new FixText("{user} に公開鍵を登録します（パスワードなど別のログイン手段が必要です。ない場合はコンソールから .pub の行を追記します）", "ssh-copy-id -i {key} -p {port} {user}@{host}"),
                new FixText("このホストで正しい鍵を提示させます。~/.ssh/config に Host {host} / IdentityFile {key} / IdentitiesOnly yes を追加します（コマンドで動作を確認）", "ssh -o IdentitiesOnly=yes -i {key} -p {port} {user}@{host}"),
                new FixText("サーバ上で sshd のログから理由を探します", "sudo journalctl -u ssh -u sshd -n 200 --no-pager | grep -Ei 'authentication refused|failed publickey|not allowed'"),
            ]),

        [DiagnosisIds.AuthPublicKeyServerModes] = new(
            "所有者やパーミッションが安全でないため、sshd が {user} の authorized_keys を無視しています",
            "StrictModes（既定で有効）の下では、authorized_keys、~/.ssh、ホームディレクトリのいずれかがグループ・その他から書き込み可能だったり他人の所有だったりすると、sshd はそのファイルを使わず、「Authentication refused: bad ownership or modes for file/directory ...」とログに記録します。"
            + "クライアントから見ると、鍵を登録し忘れたときと区別のつかない Permission denied になります。"
            + "問題になるのは所有者と書き込み権だけで、読み取り権は関係ありません。Debian/Ubuntu では、グループのメンバーがそのユーザだけならグループ書き込みも許容されます。",
            [
                new FixText("サーバ上で、sshd が拒否するパス（{path} と、ホームまでの途中で同じく拒否されるもの）に限り、所有者を {user} に戻し、グループ・その他の書き込み権を外します", "sudo chmod go-w {path}", Automatic: true),
                new FixText("サーバ上で、sshd が指摘したパスの各ディレクトリの所有者とモードを表示します", "namei -l {path}"),
            ],
            OnWindows:
            [
                new FixText("Windows サーバ上で、{path} の継承されたエントリを外し、SYSTEM・Administrators・{user} だけがアクセスできるようにします（sshd が見るのはモードではなくアクセス制御リストです）", "icacls {path} /inheritance:r /grant SYSTEM:F /grant Administrators:F /grant {user}:F"),
                new FixText("Windows サーバ上で、{path} に今アクセスできるアカウントを表示します。sshd が名指ししたアカウントが消えていれば解決です", "icacls {path}"),
            ]),

        [DiagnosisIds.AuthPublicKeySelinux] = new(
            "SELinux により sshd が {user} の authorized_keys を読めません",
            "SELinux が有効なシステム（RHEL、Fedora、Rocky、Alma）では、sshd が読めるのは ssh_home_t ラベルの付いた ~/.ssh 内のファイルだけです。"
            + "バックアップから戻したファイル、mv で移動したファイル、標準外の場所にあるホームディレクトリのファイルは誤ったラベルのままになり、パーミッションが正しくても sshd のアクセスが拒否され（監査ログに AVC が出ます）、鍵は無視されます。"
            + "sshd のログに「Could not open user ... authorized keys ...: Permission denied」が出ることもあります。",
            [
                new FixText("サーバ上で SELinux のラベルを既定に戻します", "sudo restorecon -R -v ~{user}/.ssh", Automatic: true),
                new FixText("サーバ上で監査ログの拒否記録を確認します", "sudo ausearch -m AVC -ts recent"),
                new FixText("ホームディレクトリが /home 以外にある場合は、semanage fcontext -a -e /home DIR でそのツリーを /home と同等に登録し、もう一度 restorecon を実行します"),
            ]),

        [DiagnosisIds.AuthPublicKeyKeysCommandMissing] = new(
            "sshd が AuthorizedKeysCommand（{path}）を確認できず、実行していません",
            "sshd_config で、ユーザーの公開鍵を問い合わせるために sshd が実行するプログラム（AuthorizedKeysCommand、証明書の場合は AuthorizedPrincipalsCommand）が指定されています。たとえば LDAP や FreeIPA に置いた鍵を返す sss_ssh_authorizedkeys です。"
            + "sshd は実行の前にそのファイルを確認し、確認に失敗すると（パッケージが入っていない、パスの綴りが誤っている、コマンドを実行するユーザーからたどれない）「Could not stat AuthorizedKeysCommand ...」とログに出してコマンドを実行しません。"
            + "そのため、ユーザーにも鍵にも問題がないのに、コマンドだけが知っている鍵はすべて拒否されます。authorized_keys ファイルにある鍵は引き続き使えます。",
            [
                new FixText("サーバ上で、sshd が示したプログラムを確認します", "ls -l {path}"),
                new FixText("サーバ上で、sshd に設定されているコマンドを確認します", "sudo sshd -T | grep -iE '^authorized(keys|principals)command'"),
                new FixText("プログラムを含むパッケージを入れるか（sss_ssh_authorizedkeys は SSSD に含まれます）、sshd_config のパスを修正してから sshd を reload します", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
            ]),

        [DiagnosisIds.AuthPublicKeyDisabled] = new(
            "{host} は公開鍵認証を受け付けていません",
            "サーバが許可する認証方式に publickey が含まれていないため、鍵はそもそも試されません。"
            + "sshd_config で、全体またはこのユーザ・グループ・アドレス向けの Match ブロックに PubkeyAuthentication no が設定されています。"
            + "サーバが許可している方式でログインするか、管理者に公開鍵認証を有効にしてもらってください。",
            [
                new FixText("サーバ上で、Match ブロックや sshd_config.d も含めて公開鍵認証を無効にしている箇所を探します", "sudo grep -rniE 'PubkeyAuthentication|^[[:space:]]*Match' /etc/ssh/sshd_config /etc/ssh/sshd_config.d/"),
                new FixText("サーバ上でその箇所を PubkeyAuthentication yes にし、構文を確認してから sshd を reload します", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
                new FixText("それまでは、サーバが許可している方式（パスワードなど）でログインします", "ssh -o PreferredAuthentications=password,keyboard-interactive -p {port} {user}@{host}"),
            ]),

        [DiagnosisIds.AuthHostbasedNotAuthorized] = new(
            "サーバが {user} のホストベース認証を拒否しました",
            "ホストベース認証は、ユーザーの鍵ではなくクライアントのマシンを信頼する方式です。クライアントは（ssh-keysign を通じて）ホスト鍵で署名し、sshd は次の条件がそろったときだけ受け付けます。クライアントのホストが /etc/ssh/shosts.equiv か /etc/hosts.equiv（IgnoreRhosts が no ならユーザーの ~/.shosts）に載っていること、"
            + "そのホスト鍵が /etc/ssh/ssh_known_hosts にあること、クライアントが送るホスト名がそのアドレスから引ける名前と一致すること（HostbasedUsesNameFromPacketOnly yes の場合を除く）です。"
            + "sshd は渡されたクライアントのユーザー名とホスト名を添えて「Failed hostbased」と記録しました。これらのどれかが満たされていません。既定の LogLevel では、MaxAuthTries の半分の失敗の後にだけこの行が出るので、クライアントは複数回試しています。",
            [
                new FixText("サーバ上で、行に示されたクライアントのホストが信頼するホストとして載っているか確認します", "sudo grep -n . /etc/ssh/shosts.equiv /etc/hosts.equiv"),
                new FixText("サーバ上で、クライアントのホストの公開ホスト鍵をシステム全体の known hosts に追加します（CLIENT-HOST は行に示された名前）", "ssh-keyscan CLIENT-HOST | sudo tee -a /etc/ssh/ssh_known_hosts"),
                new FixText("サーバ上で、ホストベース認証の設定を確認します。「userauth_hostbased mismatch」の行があれば、クライアントが送る名前がそのアドレスの名前と違います", "sudo sshd -T | grep -iE '^(hostbasedauthentication|hostbasedacceptedalgorithms|hostbasedusesnamefrompacketonly|ignorerhosts)'"),
            ]),

        [DiagnosisIds.AuthWrongUser] = new(
            "{host} にアカウント {user} が存在しません",
            "sshd はこの名前について「Invalid user」と記録しています。サーバにそのアカウントがないため、鍵でもパスワードでも Permission denied になります。"
            + "よくあるのはログイン名の誤りで、ssh は指定がなければローカルのユーザ名を送りますし、クラウドのイメージには決まった既定ユーザ（ec2-user、ubuntu、admin、centos、rocky、fedora、bitnami など）があります。"
            + "クライアント側からは鍵やパスワードの誤りと区別できず、確証はサーバのログでしか得られません。",
            [
                new FixText("このホストに対して ssh が送るユーザ名を確認します", "ssh -G {host} | grep -i '^user '"),
                new FixText("正しいログイン名で接続し（ssh NAME@{host}）、~/.ssh/config に Host {host} / User NAME として記録しておきます"),
                new FixText("サーバ上でアカウントが存在するか確認します", "getent passwd {user}"),
            ]),

        [DiagnosisIds.AuthNotAllowed] = new(
            "sshd のアクセス制限により {user} はログインできません",
            "アカウントは存在しますが、sshd は認証情報を確認する前に拒否しました。ユーザまたはその所属グループが AllowUsers、AllowGroups、DenyUsers、DenyGroups で除外されているか、ログインシェルが存在しない・実行できない状態です。"
            + "クライアントには Permission denied としか表示されず、どのルールに該当したかはサーバのログの「User ... not allowed because ...」に出ます。"
            + "該当する設定は Match ブロックの中や /etc/ssh/sshd_config.d/ 配下のファイルにあることもあります。",
            [
                new FixText("サーバ上でアクセス制限の設定と Match ブロックを探します", "sudo grep -rniE '^[[:space:]]*(AllowUsers|AllowGroups|DenyUsers|DenyGroups|Match)' /etc/ssh/sshd_config /etc/ssh/sshd_config.d/"),
                new FixText("サーバ上で、{ip} から接続する {user} に実際に適用される設定を表示します", "sudo sshd -T -C user={user},host={ip},addr={ip} | grep -Ei '^(allow|deny)(users|groups)'"),
                new FixText("{user} が許可されるよう設定を修正し、構文を確認してから sshd を reload します", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
                new FixText("ログにシェルが存在しない・実行できないと出ている場合は、有効なシェルを設定します", "sudo chsh -s /bin/bash {user}"),
            ]),

        [DiagnosisIds.AuthRootRefused] = new(
            "この方法での root ログインは sshd で禁止されています",
            "PermitRootLogin がこのログインを禁止しています。no は root を一切拒否し、既定値の prohibit-password は鍵による root ログインだけを許可します。"
            + "prohibit-password では正しい root パスワードでも失敗扱いになるため、ログインには「ROOT LOGIN REFUSED」ではなく「Failed password for root」と記録されます。"
            + "一般ユーザでログインしてから sudo を使うのが通常の運用です。",
            [
                new FixText("一般ユーザでログインし、sudo -i で root に切り替えます"),
                new FixText("サーバ上で、実際に有効な PermitRootLogin の値を確認します", "sudo sshd -T | grep -i '^permitrootlogin'"),
                new FixText("どうしても root で直接入る必要があるなら鍵を使います。/root/.ssh/authorized_keys に登録し、PermitRootLogin は prohibit-password のままにして、構文確認後に sshd を reload します", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
            ]),

        [DiagnosisIds.AuthPasswordWrong] = new(
            "{user}@{host} のパスワードが受け入れられませんでした",
            "サーバはパスワード認証を受け付けていますが、このパスワードを拒否しました。"
            + "打ち間違い、Caps Lock、キーボード配列のほか、ユーザ名の誤り（存在しないユーザも同じように失敗します）、アカウントのロックや期限切れ、PermitRootLogin prohibit-password 下の root（正しいパスワードでも失敗します）も考えられます。"
            + "どれに当たるかはサーバのログ（「Failed password for ...」「Invalid user」、PAM のメッセージ）で区別できます。",
            [
                new FixText("ssh が送っているユーザ名を確認してから、慎重に再入力します", "ssh -G {host} | grep -i '^user '"),
                new FixText("サーバ上でアカウントがロックされていないか、パスワードが期限切れでないかを確認します", "sudo passwd -S {user}; sudo chage -l {user}"),
                new FixText("管理者権限またはコンソールからパスワードを再設定します", "sudo passwd {user}"),
                new FixText("サーバ上で今回の試行のログを確認します", "sudo journalctl -u ssh -u sshd -n 100 --no-pager | grep -Ei 'failed password|invalid user|pam'"),
            ]),

        [DiagnosisIds.AuthPasswordDisabled] = new(
            "{host} はパスワード認証を受け付けず、鍵を求めています",
            "サーバが提示する認証方式に password も keyboard-interactive も含まれていないため、パスワードの入力は求められず、「Permission denied (publickey)」で終わります。"
            + "多くのディストリビューションやクラウドのイメージは、PasswordAuthentication no を既定にしています。"
            + "より安全なのは鍵を用意することですが、管理者がパスワード認証を許可することもできます。",
            [
                new FixText("鍵ペアがなければ作成します", "ssh-keygen -t ed25519"),
                new FixText("使える経路（コンソール、クラウドの鍵登録機能、管理者）で公開鍵をサーバに登録します。ssh-copy-id はパスワードログインが必要なので、この状態では使えません", "cat ~/.ssh/id_ed25519.pub"),
                new FixText("あるいはサーバ上で PasswordAuthentication yes にします。最初に現れた設定が優先され、sshd_config.d のファイルが先に読まれるので、すべての記述箇所を確認します", "sudo grep -rni 'PasswordAuthentication' /etc/ssh/sshd_config /etc/ssh/sshd_config.d/"),
            ]),

        [DiagnosisIds.AuthNoSupportedMethods] = new(
            "サーバが受け付ける認証方式をクライアントが持っていません",
            "サーバは受け付ける認証方式（多くは publickey のみ）を示しましたが、クライアントはどれも使えませんでした。鍵が読み込まれていない・設定されていないか、クライアントがその方式に対応していません。"
            + "このメッセージは OpenSSH ではなく、主に PuTTY などのクライアントが表示します。"
            + "サーバのログでは、クライアントが切断するときにそう伝えます（コード 14「No supported authentication methods available」や JSch の「Auth fail」）。sshd の既定の LogLevel では、その前に拒否された鍵がログに出ないことがあります。"
            + "サーバに公開鍵が登録されている秘密鍵を、クライアントに渡してください。",
            [
                new FixText("鍵をエージェント（PuTTY なら Pageant）に読み込むか、クライアントで鍵を指定します", "ssh-add {key}"),
                new FixText("PuTTY は .ppk 形式の鍵が必要です。OpenSSH 形式の鍵を puttygen で変換します", "puttygen {key} -o {key}.ppk"),
                new FixText("サーバに自分の公開鍵がまだ一つもなければ、コンソールや管理者経由で登録します", "cat {key}.pub"),
            ]),

        [DiagnosisIds.AuthTooManyFailures] = new(
            "認証失敗が多すぎます: クライアントが提示した鍵の数が多すぎます",
            "sshd は拒否した鍵を 1 つずつ MaxAuthTries（既定 6）に数え、上限に達すると切断します。そのため正しい鍵やパスワード入力にたどり着く前に切られることがよくあります。"
            + "典型的なのは ssh-agent が大量の鍵を抱えているケースで、クライアントはそれらを全部、さらに既定の鍵ファイルまで順に提示します。"
            + "このホストで使う鍵を指定し、その鍵だけを提示させれば解決します。",
            [
                new FixText("~/.ssh/config でこのホストの鍵を固定します: Host {host} / IdentityFile {key} / IdentitiesOnly yes（ssh-doctor fix が使うのは、サーバが受け付けた鍵か -i で指定した鍵だけで、推測はしません）", Automatic: true),
                new FixText("1 回の接続だけなら、その鍵だけを提示させます", "ssh -o IdentitiesOnly=yes -i {key} -p {port} {user}@{host}"),
                new FixText("エージェントを空にして必要な鍵だけを読み込みます（登録数は ssh-add -l で確認できます）", "ssh-add -D && ssh-add {key}"),
                new FixText("このホストにパスワードでログインするなら、鍵をまったく使わないようにします", "ssh -o PubkeyAuthentication=no -p {port} {user}@{host}"),
            ]),

        // ── key ─────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.KeyPermissionsTooOpen] = new(
            "秘密鍵 {key} のパーミッションが緩すぎるため、ssh が無視しています",
            "自分が所有する秘密鍵ファイルにグループ・その他の権限ビットが 1 つでも立っていると、ssh はそれを拒否してスキップし（「UNPROTECTED PRIVATE KEY FILE」「bad permissions」）、たいてい Permission denied で終わります。"
            + "Windows や USB メモリからのコピー、アーカイブの展開、共有マウント上での保管の後によく起きます。"
            + "秘密鍵は 600（または 400）が必須で、.pub ファイルと known_hosts は読み取り可能なままで構いません。",
            [
                new FixText("鍵を自分だけが読めるようにします。ssh-doctor fix は ~/.ssh の残りも整えます（ディレクトリ 700、config 600、公開鍵と known_hosts 644）。モードを緩めることはしません", "chmod go-rwx {key}", Automatic: true),
                new FixText("~/.ssh 全体も整えます: ディレクトリは 700、config は 600、公開鍵と known_hosts は 644", "chmod 700 ~/.ssh; chmod 600 ~/.ssh/config; chmod 644 ~/.ssh/*.pub ~/.ssh/known_hosts"),
                new FixText("鍵が Unix のパーミッションを持てないファイルシステム（NTFS、FAT、一部の WSL のマウント）にある場合は、モード 600 で ~/.ssh にコピーします", "install -m 600 {key} ~/.ssh/"),
            ],
            OnWindows:
            [
                new FixText("Windows の OpenSSH はモードではなくアクセス制御リストを確認します。PowerShell で {key} の継承されたエントリを外し、自分・SYSTEM・Administrators だけがアクセスできるようにします", "icacls {key} /inheritance:r /grant \"$($env:USERNAME):F\" /grant SYSTEM:F /grant Administrators:F"),
                new FixText("{key} に今アクセスできるアカウントを表示します。メッセージに出たアカウントが消えていれば解決です", "icacls {key}"),
            ]),

        [DiagnosisIds.KeyAgentSignFailed] = new(
            "エージェントが鍵 {key} での署名を拒否しました",
            "サーバはこの鍵を受け入れる状態でしたが、ssh-agent が署名を作成しませんでした（「agent refused operation」「Agent admitted failure to sign」）。"
            + "よくある原因は、確認付き（ssh-add -c）で追加した鍵なのに確認を出す ssh-askpass がない、FIDO やスマートカードの鍵が挿さっていない・タッチしていない、エージェントがロックされている（ssh-add -X で解除）、サードパーティのエージェント（gpg-agent、gnome-keyring、パスワードマネージャ）が鍵やアルゴリズムを拒否している、のいずれかです。"
            + "エージェントに壊れた鍵が登録されている場合も同じ症状になります。",
            [
                new FixText("鍵をエージェントに読み込み直します", "ssh-add -D && ssh-add {key}"),
                new FixText("一度エージェントを使わずに接続し、鍵ファイル自体が使えるか確認します", "ssh -o IdentityAgent=none -o IdentitiesOnly=yes -i {key} -p {port} {user}@{host}"),
                new FixText("FIDO やスマートカードの鍵ならトークンを挿し、点滅したらタッチします。ssh-add -c で追加した鍵なら ssh-askpass をインストールします"),
                new FixText("鍵が壊れている場合は新しく作成し、サーバに登録します", "ssh-keygen -t ed25519 && ssh-copy-id -i ~/.ssh/id_ed25519.pub -p {port} {user}@{host}"),
            ]),

        [DiagnosisIds.KeySignatureAlgorithm] = new(
            "サーバが SHA-1 による RSA 署名（ssh-rsa）を拒否しています",
            "クライアントが RSA 鍵で古い ssh-rsa（SHA-1）方式の署名をしていますが、OpenSSH のサーバは 8.8 以降この方式を既定で受け付けません。サーバのログには「signature algorithm ssh-rsa not in PubkeyAcceptedAlgorithms」と出ます。"
            + "鍵自体に問題はなく、接続しているクライアントやライブラリ（古い OpenSSH、IDE 内蔵の SSH、古い JSch や paramiko）が rsa-sha2-256/512 で署名できないのが原因です。"
            + "クライアントを更新するか Ed25519 鍵に切り替えれば、サーバの安全性を下げずに解決できます。",
            [
                new FixText("接続に使っている SSH クライアントやライブラリを更新します。OpenSSH クライアントのバージョンを確認します", "ssh -V"),
                new FixText("代わりに Ed25519 鍵を使い、サーバに登録します", "ssh-keygen -t ed25519 && ssh-copy-id -i ~/.ssh/id_ed25519.pub -p {port} {user}@{host}"),
                new FixText("最後の手段として、サーバ上でこのユーザに限り ssh-rsa を許可します（sshd_config に Match User {user} / PubkeyAcceptedAlgorithms +ssh-rsa）。構文を確認してから sshd を reload します", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
            ]),

        [DiagnosisIds.KeyWeak] = new(
            "鍵 {key} は現在のサーバで使うには弱すぎます",
            "この鍵は DSA 鍵、または 2048 ビット未満の RSA 鍵です。"
            + "DSA は OpenSSH 7.0 で既定で無効になり、10.0 で削除されました。RSA は RequiredRSASize（9.1 以降の既定は 1024 ビット）未満だとサーバに拒否され、これより厳しい基準を定めている組織も多くあります。"
            + "Ed25519 鍵に置き換えてください。",
            [
                new FixText("Ed25519 鍵を作成します", "ssh-keygen -t ed25519"),
                new FixText("古い鍵で入っていた各サーバに、新しい公開鍵を登録します", "ssh-copy-id -i ~/.ssh/id_ed25519.pub -p {port} {user}@{host}"),
                new FixText("新しい鍵で入れることを確認したら、各サーバの authorized_keys から古い公開鍵を削除し、{key} を廃棄します"),
            ]),

        [DiagnosisIds.KeyMismatch] = new(
            "{key}.pub は {key} の公開鍵ではありません",
            "秘密鍵の隣にある .pub ファイルに別の鍵が入っています。上書きしてしまった、別のマシンからコピーした、といった経緯が典型です。"
            + "ssh や ssh-copy-id はこのファイルから公開鍵を読むため、誤った鍵が提示・登録され、サーバが受け入れてもクライアントが署名できない、という状況になります。"
            + "秘密鍵から .pub を作り直せば解決します。",
            [
                new FixText("秘密鍵から公開鍵を作り直します（ssh-doctor fix は元の .pub をバックアップに残し、undo で戻せます）", "ssh-keygen -y -f {key} > {key}.pub", Automatic: true),
                new FixText("修正後のフィンガープリントを表示し、サーバの authorized_keys にこの鍵が登録されているか確認します", "ssh-keygen -lf {key}.pub"),
            ]),

        [DiagnosisIds.KeyAgentUnusable] = new(
            "{agent} の ssh-agent がエージェントとして正しく応答しません",
            "エージェントが設定されています（SSH_AUTH_SOCK または IdentityAgent）が、鍵の一覧を求めても使える応答が返りませんでした。OpenSSH が受け付ける上限（256 KiB）を超える応答、上限（2048 個）を超える鍵の数、壊れた応答や拒否、あるいは無応答です。"
            + "ssh はエージェントの鍵を使わずに先へ進むため、サーバが受け入れる鍵がエージェントにしかなければ Permission denied になります。まったく応答しないエージェントでは、ssh は鍵を提示する前に止まったままになります。"
            + "典型的な原因は、別のプログラムのソケットを指している古い SSH_AUTH_SOCK、すでに切れた接続から転送されたエージェント、ハングしたエージェントのプロセス、調子の悪いサードパーティ製エージェント（gpg-agent やパスワードマネージャ）です。",
            [
                new FixText("エージェントが持っている鍵を一覧します。エラーになるか止まってしまえば、問題が確認できます", "env SSH_AUTH_SOCK={agent} timeout 5 ssh-add -l"),
                new FixText("一度エージェントを使わずに接続し、鍵ファイルだけで認証できるか確認します", "ssh -o IdentityAgent=none -p {port} {user}@{host}"),
                new FixText("新しいエージェントを起動し（SSH_AUTH_SOCK が別のプログラムを指しているなら解除し）、鍵を追加し直します", "eval \"$(ssh-agent -s)\" && ssh-add"),
            ]),

        [DiagnosisIds.KeyAgentNotRunning] = new(
            "このセッションで使える ssh-agent が動いていません",
            "ssh-add（または ssh）が接続できるエージェントが見つかりませんでした。Windows では OpenSSH Authentication Agent サービスが無効か停止していて、そのパイプ \\\\.\\pipe\\openssh-ssh-agent が存在しません（'unable to start ssh-agent service, error :1058' は無効化されているという意味です）。それ以外の環境では SSH_AUTH_SOCK が未設定か、どのエージェントも待ち受けていないソケットを指しています。"
            + "エージェントにしかない鍵は提示されず、その鍵が必要なログインは Permission denied で終わります。"
            + "Git、VS Code、CI のジョブは、エージェントを起動したシェルの環境変数を引き継がずに動くことがよくあります。",
            [
                new FixText("Windows: エージェントのサービスを有効にして起動し（管理者の PowerShell で）、ssh-add で鍵を追加します", "Get-Service ssh-agent | Set-Service -StartupType Automatic; Start-Service ssh-agent"),
                new FixText("Linux、macOS: このシェルでエージェントを起動し、鍵を追加します", "eval \"$(ssh-agent -s)\" && ssh-add"),
                new FixText("エージェントが応答し、鍵を持っているか確認します", "ssh-add -l"),
            ]),

        [DiagnosisIds.KeyInvalidFormat] = new(
            "ssh が秘密鍵 {key} を読み込めません",
            "ssh はこのファイルを秘密鍵として読み込めず（'invalid format'、'error in libcrypto'）、この鍵を何も提示しないまま進み、多くの場合 Permission denied で終わります。"
            + "よくある原因は、ファイルが公開鍵（.pub）や証明書である、PuTTY の .ppk ファイルである、Windows の改行（CR LF）で保存された、最後の改行が欠けている、BEGIN/END の行が壊れている、コピーや貼り付けの途中で鍵が切れている、などです。"
            + "ssh-keygen -y は同じ方法でファイルを読むので、使える鍵かどうかを確かめられます。",
            [
                new FixText("ファイルの中身を確認します。秘密鍵は -----BEGIN OPENSSH PRIVATE KEY-----（または BEGIN RSA/EC PRIVATE KEY）、PuTTY の鍵は PuTTY-User-Key-File で始まります", "head -n 1 {key}"),
                new FixText("ssh が読めるか確かめます。読めれば公開鍵が表示され、読めなければ同じエラーが出ます", "ssh-keygen -y -f {key}"),
                new FixText("Windows からコピーした鍵なら CR 改行を取り除きます（元のファイルは .bak として残ります）", "sed -i.bak 's/\\r$//' {key}"),
                new FixText("PuTTY の鍵なら OpenSSH 形式に変換します", "puttygen {key} -O private-openssh -o {key}.openssh"),
            ]),

        [DiagnosisIds.KeyWrongPassphrase] = new(
            "{key} のパスフレーズが違うため、ssh はこの鍵を使えませんでした",
            "鍵ファイルは暗号化されており、入力されたパスフレーズでは復号できませんでした（'bad passphrase given'、'incorrect passphrase supplied to decrypt private key'）。端末がない場合や BatchMode では、ssh はパスフレーズを尋ねることすらできません（'no passphrase given'）。"
            + "ssh はこの鍵を飛ばすため、サーバが公開鍵を受け入れても署名が続かず、ログインは Permission denied で終わります。"
            + "サーバ側に問題はありません。",
            [
                new FixText("パスフレーズを確かめます。入力を求められ、正しければ公開鍵が表示されます", "ssh-keygen -y -f {key}"),
                new FixText("鍵を一度エージェントに読み込めば、ssh やそれを呼ぶツール（git、スクリプト）が尋ねる必要はなくなります", "ssh-add {key}"),
                new FixText("パスフレーズを失った鍵は元に戻せません。新しい鍵を作り、その公開鍵をサーバに登録します", "ssh-keygen -t ed25519"),
            ]),

        // ── session ─────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.SessionNoHome] = new(
            "サーバに {user} のホームディレクトリがありません",
            "ログインには成功しましたが、サーバがホームディレクトリに移動できなかったため（「Could not chdir to home directory」）、セッションはユーザのファイルがない / で始まっています。"
            + "ホームなしでアカウントを作成した（useradd に -m を付けなかった）か、ホームが NFS や autofs、暗号化ボリューム上にあってマウントされていないのが原因です。"
            + "authorized_keys もホームにあるため、同じ理由で鍵認証が失敗することもあります。",
            [
                new FixText("サーバ上で、passwd エントリが示すホームディレクトリを /etc/skel から作成します（所有者 {user}、モード 0700）", "sudo install -d -m 0700 -o {user} -g {user} {home} && sudo cp -a /etc/skel/. {home} && sudo chown -R {user}:{user} {home} && sudo chmod 0700 {home}", Automatic: true),
                new FixText("ホームを NFS や autofs で提供している場合は、マウントされているか確認します", "findmnt -t nfs,nfs4,autofs"),
                new FixText("初回ログイン時にホームを自動作成するには pam_mkhomedir を有効にします（一度だけなら mkhomedir_helper {user}）"),
            ]),

        [DiagnosisIds.SessionShellDisabled] = new(
            "{user} にはサーバ上で対話シェルが割り当てられていません",
            "認証は成功しましたが、アカウントのログインシェルが /usr/sbin/nologin や /bin/false のため、セッションはすぐに終了します（「This account is currently not available.」が出るか、単に切断されます）。"
            + "サービス用アカウントでは正常な状態です。ForceCommand（SFTP 専用ユーザ向けの internal-sftp など）でも似た挙動になります。"
            + "対話的に使うべきアカウントなら、通常のシェルを設定してください。",
            [
                new FixText("サーバ上でアカウントのシェルを確認します", "getent passwd {user} | cut -d: -f7"),
                new FixText("対話ログインさせるべきユーザなら、通常のシェルを設定します", "sudo chsh -s /bin/bash {user}"),
                new FixText("サーバ上で、このユーザに適用される ForceCommand がないか確認します", "sudo grep -rniE 'ForceCommand|^[[:space:]]*Match' /etc/ssh/sshd_config /etc/ssh/sshd_config.d/"),
            ]),

        [DiagnosisIds.SessionBrokenPipe] = new(
            "セッション中に {host} との接続が切れました（Broken pipe）",
            "セッションの途中で TCP 接続が失われました。多いのはアイドル状態が続き、NAT ルータやファイアウォール、ロードバランサがその接続を忘れたケースで、Wi-Fi や VPN の切り替え、スリープ、サーバの再起動でも同じことが起きます。"
            + "ssh は次に送信しようとした時点で初めて気付くため、「Broken pipe」や「Connection reset」と表示されます。"
            + "1 分ごとにキープアライブを送れば、アイドル中の接続が維持され、本当の切断も早く検知できます。",
            [
                new FixText("このホストにキープアライブを送ります。ssh-doctor fix が ~/.ssh/config に Host {host} / ServerAliveInterval 30 / ServerAliveCountMax 3 を追加します", Automatic: true),
                new FixText("1 回の接続だけなら", "ssh -o ServerAliveInterval=30 -o ServerAliveCountMax=3 -p {port} {user}@{host}"),
                new FixText("サーバ側の sshd_config で ClientAliveInterval 60 を設定すると、全クライアントに同じ効果があります。構文を確認してから sshd を reload します", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
                new FixText("長時間の処理は tmux や screen の中で実行し、接続が切れても処理が止まらないようにします"),
            ]),

        [DiagnosisIds.SessionChannelRefused] = new(
            "要求したポートフォワードやチャネルをサーバが拒否しました",
            "ログインはできていますが、サーバがチャネルを開きませんでした。"
            + "「administratively prohibited」は設定で禁止されていることを示し、AllowTcpForwarding no、DisableForwarding、PermitOpen、または authorized_keys の鍵の行にある restrict、no-port-forwarding、permitopen= などのオプションが該当します。"
            + "「connect failed」はサーバが転送先への接続を試みたものの到達できなかったことを示し、続く文言がその理由です。",
            [
                new FixText("サーバ上でポートフォワード関連の設定を確認します（Match ブロックでユーザごとに変わることがあります）", "sudo sshd -T | grep -Ei '^(allowtcpforwarding|disableforwarding|permitopen)'"),
                new FixText("サーバ上で authorized_keys の自分の鍵の行に付いたオプションを確認します", "grep -nE 'restrict|no-port-forwarding|permitopen' ~{user}/.ssh/authorized_keys"),
                new FixText("「connect failed」の場合は、サーバから転送先に到達できるかを確認します（nc -vz TARGET PORT）"),
            ]),

        [DiagnosisIds.SessionTimeout] = new(
            "{host} へのログインはできましたが、コマンドが {timeout} 秒以内に終わりませんでした",
            "認証には成功しましたが、セッションが時間内に完了しませんでした。サーバがセッションのチャネルを開かなかったか、コマンド（diagnose は 'true' を実行します）が期限までに終了も失敗もしませんでした。"
            + "ssh も同じところ、「Authenticated to ...」の後で止まります。"
            + "典型的な原因は、入力を待つログインスクリプトや遅いネットワークマウントに触れるログインスクリプト（~/.bashrc、~/.profile、/etc/profile.d）、応答しない NFS サーバ上のホームディレクトリ、待ち状態の PAM のセッションモジュールや systemd-logind、終了しない ForceCommand、過負荷のサーバです。",
            [
                new FixText("-v を付けてコマンドを実行し、どこで止まるかを確認します", "ssh -v -p {port} {user}@{host} true"),
                new FixText("サーバ上で、入力を待ったり遅いマウントに触れたりするログインスクリプトを探します", "grep -nE 'read |mount|nfs|sleep' ~{user}/.bashrc ~{user}/.profile /etc/profile.d/*.sh"),
                new FixText("サーバ上でログイン時刻のログに PAM やセッションのエラーがないか確認します", "sudo journalctl --since '15 min ago' --no-pager | grep -Ei 'pam|session|logind'"),
                new FixText("サーバが遅いだけなら、より長い --timeout で再試行します"),
            ]),

        // ── jump ────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.JumpHopFailed] = new(
            "踏み台ホスト {hop} を経由した接続に失敗しました",
            "ProxyJump（-J）では、ssh はまず踏み台ホストにログインし、そこからターゲットへのチャネルを開くよう依頼します。「UNKNOWN port 65535」を含む行は外側の接続のもので、本当のエラーは内側のホップの行にあります。"
            + "踏み台ホスト自体への接続が失敗した（他の診断が踏み台に当てはまる）、踏み台からターゲットに到達できない（「open failed: connect failed: ...」）、踏み台がポートフォワードを禁止している（「administratively prohibited」、AllowTcpForwarding no）のいずれかです。"
            + "ホップごとに個別に試せば、どこで止まっているか分かります。",
            [
                new FixText("まず踏み台ホストだけに接続してみます", "ssh -v {hop}"),
                new FixText("踏み台ホストから、ターゲットの名前解決とポートへの到達を確認します（踏み台に nc が必要です）", "ssh {hop} nc -vz {host} {port}"),
                new FixText("踏み台がポートフォワードを禁止している場合は、管理者に AllowTcpForwarding（またはこのターゲット向けの PermitOpen）を依頼します"),
            ]),

        // ── server ──────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.ServerSshdNotRunning] = new(
            "このサーバで sshd が動いていません",
            "sshd のプロセスがなく SSH のポートで何も待ち受けていないため、接続はすべて拒否されます。"
            + "サービスが停止・無効化されているか起動に失敗しており、後者の原因は設定ミスやホスト鍵の欠落が大半で、sshd -t で確認できます。",
            [
                new FixText("設定を検査します。sshd -t は最初のエラーをファイル名と行番号付きで示します（Debian/Ubuntu で /run/sshd がないと言われたら sudo mkdir -p -m 0755 /run/sshd で作成）", "sudo sshd -t"),
                new FixText("sshd -t が通ったら、sshd を起動し、自動起動を有効にします（ユニット名は Debian/Ubuntu では ssh、RHEL/Fedora では sshd）", "sudo sshd -t && (sudo systemctl enable --now ssh || sudo systemctl enable --now sshd)", Automatic: true),
                new FixText("それでも起動しない場合は理由を確認します", "sudo journalctl -u ssh -u sshd -n 50 --no-pager"),
            ]),

        [DiagnosisIds.ServerPortMismatch] = new(
            "sshd がクライアントの接続先とは別のポートで待ち受けています",
            "サーバの sshd は動いていますが、クライアントの接続先とは別のポートで待ち受けています。多くは sshd_config の Port 行（Port 2222 など）によるものです。"
            + "Ubuntu 22.10 以降は既定でソケットアクティベーションのため、ポートを決めているのは sshd_config だけでなく ssh.socket です。",
            [
                new FixText("サーバ上で sshd が待ち受けているポートを確認します", "sudo ss -tlnp | grep -i sshd"),
                new FixText("ssh -p PORT でそのポートに接続するか、~/.ssh/config に Host {host} / Port PORT として記録します"),
                new FixText("または sshd を想定どおりのポートでも待ち受けさせます（sshd_config の Port 行。ソケットアクティベーションなら systemctl daemon-reload 後に ssh.socket を再起動）。さらにファイアウォールでそのポートを開け、SELinux 環境では semanage port -a -t ssh_port_t -p tcp PORT も実行します"),
            ]),

        [DiagnosisIds.ServerFirewallBlocks] = new(
            "サーバのファイアウォールが SSH のポートを遮断しています",
            "サーバのホストファイアウォール（ufw、firewalld、iptables、nftables）のルールが SSH のポートへの接続を破棄または拒否しており、クライアントからはタイムアウト（DROP）か接続拒否（REJECT）に見えます。"
            + "ファイアウォールを有効にした直後や、sshd を別のポートに移したのにそのポートを開けていない場合によく起きます。"
            + "クラウド事業者のファイアウォールは別の層なので、そちらでもポートを許可する必要があります。",
            [
                new FixText("ufw の場合: ポートを許可します", "sudo ufw allow {port}/tcp"),
                new FixText("firewalld の場合: ポートを恒久的に許可して reload します", "sudo firewall-cmd --permanent --add-port={port}/tcp && sudo firewall-cmd --reload"),
                new FixText("iptables や nftables を直接使っている場合: ルールを一覧し、そのポートに該当する DROP/REJECT を削除または修正します", "sudo iptables -S; sudo nft list ruleset"),
            ]),

        [DiagnosisIds.ServerBanned] = new(
            "アドレス {ip} がサーバで BAN されています",
            "認証失敗が繰り返されたため、fail2ban または sshguard がクライアントのアドレスを BAN リストに入れており、期限が切れるまでそのアドレスからの接続は破棄または拒否されます。"
            + "失敗の発生源は本人（鍵・パスワード・ユーザ名の誤り）、再試行を繰り返すスクリプト、同じ NAT アドレスの背後にいる別のマシンのいずれかです。"
            + "失敗の原因を取り除かない限り、BAN を解除してもすぐにまた BAN されます。",
            [
                new FixText("サーバ上で fail2ban の BAN を解除します", "sudo fail2ban-client set {jail} unbanip {ip}", Automatic: true),
                new FixText("サーバ上で何が失敗の原因だったかを確認します", "sudo grep -F {ip} /var/log/fail2ban.log | tail -n 20"),
                new FixText("信頼できるアドレスが BAN されないよう、/etc/fail2ban/jail.local の [sshd] の ignoreip に追加し、fail2ban を reload します", "sudo fail2ban-client reload"),
                new FixText("sshguard の場合は、ブロックリストからアドレスを削除するか、ブロックの期限切れを待ちます"),
            ]),

        [DiagnosisIds.ServerHostsDeny] = new(
            "TCP Wrapper（/etc/hosts.deny）が接続元アドレスを拒否しています",
            "Debian/Ubuntu の sshd は libwrap 付きでビルドされているため、/etc/hosts.allow と /etc/hosts.deny が今も有効です。hosts.deny に「sshd: ALL」や「ALL: ALL」があり、hosts.allow に該当するエントリがないと、sshd はバナーを送る前に接続を閉じます。"
            + "サーバのログには「refused connect from ...」と出ます。"
            + "hosts.allow が先に参照され、最初に一致したものが適用されます。",
            [
                new FixText("サーバ上で sshd に該当するエントリを探します", "grep -nE '^[^#]*(sshd|ALL)' /etc/hosts.allow /etc/hosts.deny"),
                new FixText("/etc/hosts.allow で接続元アドレスを明示的に許可します", "echo sshd: {ip} | sudo tee -a /etc/hosts.allow"),
                new FixText("または /etc/hosts.deny の sshd / ALL の行を削除するか、対象を絞ります"),
            ]),

        [DiagnosisIds.ServerConfigInvalid] = new(
            "sshd の設定が sshd -t の検査に通りません",
            "sshd -t がエラーを報告しているため、この設定では sshd の起動や再起動ができません。動作中の sshd は、再起動されるまで古い設定のまま動いている可能性があります。"
            + "よくあるのは、キーワードの綴り誤りや未対応のキーワード、不正な値、誤った位置の Match ブロック、存在しないかパーミッションが不適切な HostKey ファイルです。",
            [
                new FixText("sshd -t が示した行（{file} の {line} 行目）を修正し、もう一度検査します", "sudo sshd -t"),
                new FixText("ホスト鍵がない場合は既定のホスト鍵を生成します", "sudo ssh-keygen -A"),
                new FixText("sshd -t が何も出力しなくなってから sshd を reload します", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
            ]),

        [DiagnosisIds.ServerAuthLogMissing] = new(
            "このサーバで読める sshd のログがありません",
            "doctor が読める sshd のログが見つかりませんでした。systemd の journal にしか記録しないシステムが多く、ファイル名もディストリビューションで異なり（Debian/Ubuntu は /var/log/auth.log、RHEL 系は /var/log/secure）、読むには root 権限が必要で、LogLevel が QUIET のこともあります。"
            + "sshd は拒否の理由をクライアントに伝えないため、サーバのログがないと多くの認証失敗を区別できません。",
            [
                new FixText("journal を確認します（ユニット名は Debian/Ubuntu では ssh、RHEL/Fedora では sshd）", "sudo journalctl -u ssh -u sshd -n 100 --no-pager"),
                new FixText("従来のログファイルを確認します", "sudo tail -n 100 /var/log/auth.log /var/log/secure"),
                new FixText("LogLevel が QUIET の場合や、ログに鍵のフィンガープリントが必要な場合は、sshd_config で LogLevel VERBOSE にして sshd を reload します", "sudo sshd -T | grep -i '^loglevel'"),
            ]),

        // ── hints ───────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.HintCloudUsername] = new(
            "クラウドのイメージは決まった既定ユーザでログインします",
            "接続先はクラウドの仮想マシンのようです。イメージは初期アカウントを 1 つだけ作成し、キーペアもそこにだけ登録するため、root やローカルのユーザ名では入れません。"
            + "主な既定ユーザは ec2-user（Amazon Linux、RHEL、SUSE）、ubuntu（Ubuntu）、admin（Debian）、centos（CentOS）、fedora（Fedora）、rocky（Rocky Linux）、bitnami（Bitnami）です。"
            + "Azure や Google Cloud では、VM や鍵を設定したときに指定したユーザ名になります。",
            [
                new FixText("イメージの既定ユーザで接続します（例: ssh ec2-user@{host}、ssh ubuntu@{host}）"),
                new FixText("~/.ssh/config に Host {host} / User NAME として記録しておきます"),
            ]),

        [DiagnosisIds.HintCloudFirewall] = new(
            "ポート {port} についてクラウドのファイアウォールを確認してください",
            "クラウドでは、事業者のファイアウォール（AWS のセキュリティグループやネットワーク ACL、Azure の NSG、Google Cloud の VPC ファイアウォールルール）がマシンに届く前に通信を選別し、黙って破棄するため、まさにこのタイムアウトになります。"
            + "現在のグローバル IP から SSH のポートへの TCP を許可するインバウンドルールが必要で、ルールを作った後に自分のアドレスが変わっていることもあります。"
            + "また、固定 IP を割り当てていないインスタンスは、停止・起動でパブリック IP が変わるのが普通です。",
            [
                new FixText("現在の自分のグローバル IP を確認します", "curl -s https://checkip.amazonaws.com"),
                new FixText("事業者のコンソールで、そのアドレス（/32）から TCP {port} を許可するインバウンドルールを追加・修正します。全開放にはしないでください"),
                new FixText("コンソールでインスタンスの現在のパブリック IP を確認し、DNS や ~/.ssh/config を更新します"),
            ]),

        [DiagnosisIds.HintGitHosting] = new(
            "Git ホスティング: 鍵をアカウントに登録する必要があります",
            "Git ホスティング（GitHub、GitLab、Bitbucket、Codeberg）は常にユーザ git でログインし、利用者を鍵だけで識別するため、公開鍵を自分のアカウントの SSH 鍵（またはリポジトリのデプロイキー）に登録する必要があります。"
            + "別のアカウントに登録した鍵や、先に別の鍵が提示された場合も、Permission denied (publickey) になります。ログインできるサーバや編集できる authorized_keys はなく、登録先はアカウントの Web 設定だけです。"
            + "どの鍵か分からない場合: ssh -v で提示された鍵（'Offering public key'）が、ls ~/.ssh/*.pub で手元の鍵が分かります。",
            [
                new FixText("アカウントの SSH 鍵の設定に公開鍵を追加します: {settings}", "cat {key}.pub"),
                new FixText("鍵がどのアカウントに紐付いているかを確認します", "ssh -T git@{host}"),
                new FixText("このホストでこの鍵を使わせます。~/.ssh/config に Host {host} / IdentityFile {key} / IdentitiesOnly yes を追加します（コマンドで動作を確認）", "ssh -T -o IdentitiesOnly=yes -i {key} git@{host}"),
            ]),

        // ── ok ──────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.LogFailureNotUnderstood] = new(
            "貼り付けられた出力は失敗で終わっていますが、原因が含まれていません",
            "最後に読めたメッセージは失敗（{line}）ですが、その理由を示す行がありません。理由がわかる行（ssh の -vvv 出力やサーバのログ）が含まれていないか、ssh-doctor がまだ知らない言い回しで失敗が報告されています。"
            + "正常な実行ではありません。失敗したコマンドの出力を、ssh のデバッグ出力付きでまるごと貼り付けてください。ssh なら -vvv、git なら GIT_SSH_COMMAND=\"ssh -vvv\"、Ansible なら -vvvv、PuTTY なら plink -v です。読めるなら、同じ時刻のサーバのログも加えてください。",
            [
                new FixText("ssh のデバッグ出力付きでもう一度接続し、出力をすべて貼り付けます", "ssh -vvv {user}@{host}"),
                new FixText("または ssh-doctor に段階ごとに接続を試させます", "ssh-doctor diagnose {user}@{host}"),
                new FixText("サーバ側では、同じ試行のログに拒否の理由が残っています", "sudo journalctl -u ssh -u sshd --since -10min"),
            ]),

        [DiagnosisIds.Ok] = new(
            "問題は見つかりませんでした",
            "doctor が確認できた段階はすべて正常でした。確認できなかった段階（鍵がない状態での認証など）はスキップとして表示されます。"
            + "それでも接続できない場合は、普段と同じユーザ・ポート・オプションで doctor を実行するか、ssh -vvv の出力を貼り付けて、同じ状況を再現させてください。",
            []),
    };
}
