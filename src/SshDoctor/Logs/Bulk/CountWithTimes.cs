namespace SshDoctor.Logs.Bulk;

/// <summary>How often something was seen, and when first and last.</summary>
public sealed class CountWithTimes
{
    public long Count { get; private set; }

    public LogTime? First { get; private set; }

    public LogTime? Last { get; private set; }

    public void Add(LogTime? time)
    {
        Count++;
        if (time is { } t)
        {
            if (First is not { } f || t.Clock < f.Clock)
            {
                First = t;
            }

            if (Last is not { } l || t.Clock > l.Clock)
            {
                Last = t;
            }
        }
    }
}
