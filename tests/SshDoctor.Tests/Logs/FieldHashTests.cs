using System.Text;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// A block's tally keeps the hashes the classifier made of each line's address and user while reading them (not of
/// the strings, read again): they must be the <see cref="TextHash"/> of the address as it is grouped and of the user,
/// as the summary hashes a line's key itself, on every path a line's fields take (the span reader, the regexes, a
/// cut field, a zone, a mapped address, an interner hit and a miss).
/// </summary>
public class FieldHashTests
{
    private static readonly string[] Lines =
    [
        "Dec  6 01:02:03 host sshd[12]: Failed password for root from 203.0.113.5 port 22 ssh2",
        "Dec  6 01:02:03 host sshd[12]: Failed password for invalid user admin from fe80::1%eth0 port 22 ssh2",
        "Dec  6 01:02:04 host sshd[12]: Failed password for root from ::ffff:198.51.100.7 port 22 ssh2",
        "Dec  6 01:02:04 host sshd[12]: Invalid user bob from 2001:db8::1%25 port 22",
        "Dec  6 01:02:05 host sshd[12]: Failed password for invalid user jörg from 203.0.113.9 port 22 ssh2",
        "Dec  6 01:02:05 host sshd[12]: Failed password for invalid user jörg from fe80::2%eth1 port 22 ssh2",
        $"Dec  6 01:02:06 host sshd[12]: Failed password for invalid user {new string('u', 400)} from 203.0.113.5 port 22 ssh2",
        "Dec  6 01:02:07 host sshd[12]: Connection closed by authenticating user git 192.0.2.1 port 22 [preauth]",
    ];

    [Fact]
    public void The_classifier_hands_on_the_hash_of_the_grouped_address_and_of_the_user_on_every_path()
    {
        var classifier = new LineClassifier("t", YearInference.Now(), FastSignatureMatcher.Server);
        var checkedLines = 0;

        // Twice: the second time every field is an interner hit.
        foreach (var line in Lines.Concat(Lines))
        {
            var ssh = default(SshLine);
            Assert.True(classifier.TryClassify(line, 1, cut: false, ref ssh, ascii: Ascii.IsValid(line)));
            Assert.NotNull(ssh.Ip);
            Assert.NotNull(ssh.User);
            Assert.Equal(TextHash.Of(Address.Grouping(ssh.Ip)), classifier.IpHash);
            Assert.Equal(TextHash.Of(ssh.User), classifier.UserHash);
            checkedLines++;
        }

        Assert.Equal(Lines.Length * 2, checkedLines);
    }

    [Fact]
    public void A_blocks_tally_keeps_for_each_failure_and_attempt_the_hashes_the_summary_would_make()
    {
        var log = Encoding.UTF8.GetBytes(string.Join('\n', Lines.Concat(Lines)) + "\n");
        var buffers = new BlockBuffers(log.Length, 1);
        var buffer = buffers.Rent();
        log.CopyTo(buffer, 0);
        using var result = BlockClassifier.Classify(new LineBlock(buffers, buffer, log.Length, cutLine: false), new LineClassifier("t", YearInference.Now(), FastSignatureMatcher.Server), tally: true);
        var tally = result.Tally!;
        Assert.Equal(Lines.Length * 2, result.SshLineCount);
        for (var i = 0; i < result.SshLineCount; i++)
        {
            var line = result.SshLines[i];
            Assert.True(line.IsFailure || line.Attempt, line.Kind);
            Assert.Equal(TextHash.Of(Address.Grouping(line.Ip!)), tally.IpHash(i));
            Assert.Equal(TextHash.Of(line.User), tally.UserHash(i));
        }
    }
}
