namespace SshDoctor.Config;

/// <summary>Reads what <c>ssh -G</c> prints: one <c>keyword value...</c> per line, the effective configuration.</summary>
public static class SshGOutputParser
{
    public static ResolvedSshConfig Parse(string output)
    {
        var config = new ResolvedSshConfig { Source = "ssh -G" };
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }

            config.Add(line[..space], line[(space + 1)..].Trim());
        }

        return config;
    }
}
