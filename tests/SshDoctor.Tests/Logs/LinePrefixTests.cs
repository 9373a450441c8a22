namespace SshDoctor.Tests.Logs;

/// <summary>How the hand reader of line prefixes takes a process token apart: name, bracketed pid, and what it refuses.</summary>
public sealed class LinePrefixTests
{
    private const string Message = "Invalid user x from 192.0.2.9 port 1";

    [Fact]
    public void Pids_are_read_up_to_what_fits_an_int_and_odd_tokens_are_not_processes()
    {
        string[] prefixes =
        [
            "May  1 12:00:00 h sshd[1234567890]:", "May  1 12:00:00 h sshd[99999999999]:", "May  1 12:00:00 h sshd[]:",
            "May  1 12:00:00 h [12]:", "May  1 12:00:00 h sshd[1a2]:", "May  1 12:00:00 h sshd]:", "May  1 12:00:00 h ss[hd[5]:",
            "May  1 12:00:00 h sshd:", "sshd[77]:", "sshd:", "May  1 12:00:00 h sshd[007]:",
        ];

        var (records, summary) = LogsTestSupport.ReadText(string.Concat(prefixes.Select(p => $"{p} {Message}\n")));

        // Line 4 names a process "12": another program. Lines 3, 5, 6 and 7 name sshd in a tag no reader can read, and a
        // line without a time needs a pid, except Windows' Event Viewer copy's bare "sshd:" at the line's start: unknown
        // SSH lines, never other programs'. A pid too large for an int leaves the line without one.
        Assert.Equal(1, summary.OtherPrograms);
        Assert.Equal([1L, 2, 3, 5, 6, 7, 8, 9, 10, 11], records.Select(r => r.Line));
        Assert.Equal([1234567890, null, null, null, null, null, null, 77, null, 7], records.Select(r => r.Pid));
        Assert.Equal(["sshd", "sshd", null, null, null, null, "sshd", "sshd", "sshd", "sshd"], records.Select(r => r.Process));
        Assert.Equal([true, true, false, false, false, false, true, true, true, true], records.Select(r => r.Kind is not null));
    }
}
