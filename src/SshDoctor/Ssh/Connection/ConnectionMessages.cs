namespace SshDoctor.Ssh.Connection;

/// <summary>RFC 4254 message numbers used by the connection layer.</summary>
internal static class ConnectionMessages
{
    public const byte GlobalRequest = 80;
    public const byte RequestSuccess = 81;
    public const byte RequestFailure = 82;
    public const byte ChannelOpen = 90;
    public const byte ChannelOpenConfirmation = 91;
    public const byte ChannelOpenFailure = 92;
    public const byte ChannelWindowAdjust = 93;
    public const byte ChannelData = 94;
    public const byte ChannelExtendedData = 95;
    public const byte ChannelEof = 96;
    public const byte ChannelClose = 97;
    public const byte ChannelRequest = 98;
    public const byte ChannelSuccess = 99;
    public const byte ChannelFailure = 100;

    /// <summary>RFC 4254 §5.1 reason code for an open we refuse (the server's own CHANNEL_OPEN).</summary>
    public const uint AdministrativelyProhibited = 1;
}
