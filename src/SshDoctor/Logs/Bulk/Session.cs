using System.Globalization;
using System.Text;

namespace SshDoctor.Logs.Bulk;

/// <summary>One sshd connection as its lines tell it: who, from where, and the steps in order (repeats folded).</summary>
public sealed class Session(string file, string? host, int pid)
{
    /// <summary>At most this many steps are kept; later different ones are left out of the story.</summary>
    public const int MaxSteps = 12;

    // Most connections tell one or two steps: those are kept in the object itself, the rest (rare) in a list made on
    // demand. The tracker touches a session per line, and a small single object costs one cache miss, not three.
    private (string Id, int Times) step0;
    private (string Id, int Times) step1;
    private List<(string Id, int Times)>? moreSteps;

    public string File { get; private set; } = file;

    public string? Host { get; private set; } = host;

    public int Pid { get; private set; } = pid;

    public string? Ip { get; set; }

    public int? Port { get; set; }

    public string? User { get; set; }

    public int Failures { get; private set; }

    /// <summary>The time of the last line that had one (also the first's, when only one had).</summary>
    public LogTime? Last { get; private set; }

    public int StepCount { get; private set; }

    /// <summary>The only step's signature when the story is one line, else null: the summary counts it without making text.</summary>
    public string? SingleLine => StepCount == 1 && step0.Times == 1 ? step0.Id : null;

    public void Add(in SshLine line)
    {
        var id = line.Kind!;
        Last = line.Time ?? Last;
        if (line.IsFailure)
        {
            Failures++;
        }

        if (StepCount > 0 && Step(StepCount - 1).Id == id)
        {
            Step(StepCount - 1).Times++;
        }
        else if (StepCount < MaxSteps)
        {
            if (StepCount >= 2)
            {
                (moreSteps ??= new List<(string, int)>(MaxSteps - 2)).Add(default);
            }

            Step(StepCount++) = (id, 1);
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
        StepCount = 0;
        moreSteps?.Clear();
        Failures = 0;
        Ip = null;
        Port = null;
        User = null;
        Last = null;
    }

    /// <summary>The steps as one line: <c>sshd.failed-password ×5 → sshd.max-auth-tries</c>.</summary>
    public string Story()
    {
        if (SingleLine is { } id)
        {
            return id;
        }

        var text = new StringBuilder();
        WriteStory(text);
        return text.ToString();
    }

    /// <summary>The story into a caller's (reused) builder: the summary looks it up without making a string.</summary>
    public void WriteStory(StringBuilder text)
    {
        for (var i = 0; i < StepCount; i++)
        {
            var (id, times) = Step(i);
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

    private ref (string Id, int Times) Step(int index)
    {
        switch (index)
        {
            case 0:
                return ref step0;
            case 1:
                return ref step1;
            default:
                return ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(moreSteps)[index - 2];
        }
    }
}
