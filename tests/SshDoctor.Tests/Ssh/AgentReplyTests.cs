using SshDoctor.Ssh.Agent;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Tests.Ssh;

public sealed class AgentReplyTests
{
    [Fact]
    public void Too_many_keys_is_a_protocol_error() =>
        Assert.Equal(AgentListStatus.ProtocolError, AgentClient.Parse(new SshWriter().WriteByte(12).WriteUInt32(2049).ToArray()).Status);

    [Fact]
    public void Failure_is_refused() =>
        Assert.Equal(AgentListStatus.Refused, AgentClient.Parse(new byte[] { 5 }).Status);

    [Fact]
    public void Truncated_answer_is_a_protocol_error() =>
        Assert.Equal(AgentListStatus.ProtocolError, AgentClient.Parse(new SshWriter().WriteByte(12).WriteUInt32(1).WriteUInt32(100).ToArray()).Status);

    [Fact]
    public void A_key_comment_is_kept_bounded()
    {
        var blob = new SshWriter().WriteString("ssh-ed25519").WriteString(new byte[32]).ToArray();
        var result = AgentClient.Parse(new SshWriter().WriteByte(12).WriteUInt32(1).WriteString(blob).WriteString(new string('c', 200_000)).ToArray());

        Assert.Equal(AgentListStatus.Listed, result.Status);
        Assert.True(result.Identities[0].Comment.Length < 1100, $"{result.Identities[0].Comment.Length} characters kept");
    }

    [Fact]
    public void Unreadable_blobs_are_skipped_like_openssh()
    {
        var result = AgentClient.Parse(new SshWriter().WriteByte(12).WriteUInt32(1).WriteString([1, 2]).WriteString("c").ToArray());
        Assert.Equal(AgentListStatus.Listed, result.Status);
        Assert.Equal(1, result.SkippedKeys);
    }
}
