namespace SshDoctor.Ssh.Kex;

/// <summary>The messages a key exchange method sends and receives, with round trips counted by the transport.</summary>
internal interface IKexConversation
{
    Task SendAsync(byte[] payload, CancellationToken cancellationToken);

    /// <summary>Receives the next key-exchange message; transport-level messages are handled by the caller.</summary>
    Task<byte[]> ReceiveAsync(string roundTripName, CancellationToken cancellationToken);
}
