using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering;

/// <summary>Prints an audit's findings grouped by area, each with the file(:line) it is about. Decides nothing.</summary>
internal sealed class FindingsRenderer(Terminal output, Language language)
{
    public void Render(Report report, bool verbose)
    {
        foreach (var area in (report.Findings ?? []).GroupBy(f => f.Area))
        {
            var shown = area.Where(f => verbose || f.Severity is not "ok").ToList();
            if (shown.Count == 0)
            {
                output.WriteLine(output.Paint($"✓ {AreaName(area.Key)}", Style.Good));
                continue;
            }

            output.WriteLine(output.Bold(AreaName(area.Key)));
            foreach (var f in shown)
            {
                var (mark, code) = f.Severity switch
                {
                    "ok" => ("✓", Style.Good),
                    "problem" => ("✗", Style.Failed),
                    "warning" => ("!", Style.Warning),
                    "error" => ("✗", "35"),
                    "skipped" => ("-", Style.Dim),
                    _ => ("·", Style.Dim),
                };
                var where = f.Where is null ? default : output.Dim($"  [{f.Where}]");
                output.WriteLine($"  {output.Paint(mark, code)} {f.Text}{where}");
            }
        }

        output.WriteLine();
    }

    private string AreaName(string area) => (language, area) switch
    {
        (Language.Japanese, "files") => "ファイルとモード",
        (Language.Japanese, "keys") => "鍵",
        (Language.Japanese, "config") => "ssh の設定",
        (Language.Japanese, "known_hosts") => "known_hosts",
        (Language.Japanese, "agent") => "エージェント",
        (Language.Japanese, "sshd-config") => "sshd の設定",
        (Language.Japanese, "service") => "sshd の稼働状況",
        (Language.Japanese, "users") => "ユーザ",
        (Language.Japanese, "firewall") => "ファイアウォール",
        (Language.Japanese, "bans") => "遮断（fail2ban, hosts.deny）",
        (Language.Japanese, "logs") => "ログ",
        (_, "files") => "Files and modes",
        (_, "keys") => "Keys",
        (_, "config") => "ssh configuration",
        (_, "agent") => "Agent",
        (_, "sshd-config") => "sshd configuration",
        (_, "service") => "sshd service",
        (_, "users") => "Users",
        (_, "firewall") => "Firewall",
        (_, "bans") => "Bans (fail2ban, hosts.deny)",
        (_, "logs") => "Logs",
        (_, "selinux") => "SELinux",
        _ => area,
    };
}
