using System.Globalization;
using System.Text;

namespace SshDoctor.Logs.Bulk;

/// <summary>One sshd connection as its lines tell it: who, from where, and the steps in order (repeats folded).</summary>
public sealed class Session(string file, string? host, int pid)
{
    public string File { get; private set; } = file;

    public string? Host { get; private set; } = host;

    public int Pid { get; private set; } = pid;

    public string? Ip { get; set; }

    public int? Port { get; set; }

    public string? User { get; set; }

    public int Failures { get; private set; }

    public LogTime? First { get; private set; }

    public LogTime? Last { get; private set; }

    /// <summary>Each step: the signature that recognised the line and how many times in a row it came.</summary>
    public List<(string Id, int Times)> Steps { get; } = [];

    public void Add(in SshLine line, int maxSteps)
    {
        var id = line.Kind!;
        First ??= line.Time;
        Last = line.Time ?? Last;
        if (line.IsFailure)
        {
            Failures++;
        }

        if (Steps.Count > 0 && Steps[^1].Id == id)
        {
            Steps[^1] = (id, Steps[^1].Times + 1);
        }
        else if (Steps.Count < maxSteps)
        {
            Steps.Add((id, 1));
        }
    }

    /// <summary>The same object for another connection (the tracker recycles forgotten sessions instead of making new ones).</summary>
    public void Reuse(string file, string? host, int pid)
    {
        File = file;
        Host = host;
        Pid = pid;
        Reset();
    }

    public void Reset()
    {
        Steps.Clear();
        Failures = 0;
        Ip = null;
        Port = null;
        User = null;
        First = null;
        Last = null;
    }

    /// <summary>The steps as one line: <c>sshd.failed-password ×5 → sshd.max-auth-tries</c>.</summary>
    public string Story()
    {
        if (Steps.Count == 1 && Steps[0].Times == 1)
        {
            return Steps[0].Id;
        }

        var text = new StringBuilder();
        WriteStory(text);
        return text.ToString();
    }

    /// <summary>The story into a caller's (reused) builder: the summary looks it up without making a string.</summary>
    public void WriteStory(StringBuilder text)
    {
        foreach (var (id, times) in Steps)
        {
            if (text.Length > 0)
            {
                text.Append(" → ");
            }

            text.Append(id);
            if (times > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $" ×{times}");
            }
        }
    }
}
