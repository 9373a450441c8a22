using System.Globalization;
using System.Text;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Ssh.Auth;

/// <summary>
/// The SSH_MSG_USERAUTH_BANNER text of one connection: the first <see cref="MaxKeptCharacters"/> are kept, the rest only
/// counted, and a server that sends more than <see cref="ProbeLimits.MaxBannerBytes"/> in all is flooding: the probe
/// stops there instead of reading until its deadline.
/// </summary>
internal sealed class UserAuthBanners(ProbeLimits limits)
{
    /// <summary>Banner text kept for the report (a real banner is a screenful).</summary>
    public const int MaxKeptCharacters = 8192;

    private readonly StringBuilder _kept = new();
    private bool _cut;

    public long TotalBytes { get; private set; }

    public int Count { get; private set; }

    /// <summary>What was kept, or null when no banner came.</summary>
    public string? Text => Count == 0 ? null
        : _cut ? _kept.ToString() + string.Create(CultureInfo.InvariantCulture, $"… ({Count:N0} banners, {TotalBytes:N0} bytes in all)")
        : _kept.ToString();

    /// <summary>Counts one banner message's text; throws the probe's limit failure when the connection has sent too much.</summary>
    public void Add(ReadOnlySpan<byte> message, ProbeStage stage)
    {
        Count++;
        TotalBytes += message.Length;
        var room = MaxKeptCharacters - _kept.Length;
        if (room >= message.Length)
        {
            _kept.Append(Encoding.UTF8.GetString(message));
        }
        else
        {
            // Cut at a character boundary; n bytes of UTF-8 never decode to more than n characters, so this fits the room.
            _cut = true;
            var end = Math.Max(0, room);
            while (end > 0 && (message[end] & 0xC0) == 0x80)
            {
                end--;
            }

            _kept.Append(Encoding.UTF8.GetString(message[..end]));
        }

        if (TotalBytes > limits.MaxBannerBytes)
        {
            throw StageRunner.Fail(stage, ProbeFailureKind.LimitExceeded,
                string.Create(CultureInfo.InvariantCulture, $"the server sent {Count:N0} USERAUTH_BANNER messages ({TotalBytes:N0} bytes) without answering; the probe stops reading banners after {limits.MaxBannerBytes:N0} bytes (sshd itself refuses a Banner file over 1 MiB)"));
        }
    }
}
