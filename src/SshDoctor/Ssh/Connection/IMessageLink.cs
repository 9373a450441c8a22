namespace SshDoctor.Ssh.Connection;

/// <summary>
/// What the connection layer needs of the transport under it: whole messages in, whole messages out. The transport
/// (<see cref="Transport.SshTransport"/>) handles DISCONNECT, IGNORE, DEBUG and EXT_INFO itself.
/// </summary>
internal interface IMessageLink
{
    Task SendAsync(byte[] payload, CancellationToken cancellationToken);

    Task<byte[]> ReceiveMessageAsync(CancellationToken cancellationToken);
}
