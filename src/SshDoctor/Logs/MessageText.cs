using SshDoctor.Logs.Bulk;

namespace SshDoctor.Logs;

/// <summary>Removes what OpenSSH puts around a message: <c>debug1: </c>, <c>error: </c>, the <c>[preauth]</c> suffix.</summary>
public static class MessageText
{
    /// <summary>The string form of <see cref="MessageSpan.Strip(ReadOnlySpan{char})"/>; returns the same instance when nothing was removed.</summary>
    public static string Strip(string message)
    {
        var span = MessageSpan.Strip(message);
        return span.Length == message.Length ? message : span.ToString();
    }
}
