namespace SshDoctor.Ssh.Transport;

/// <summary>The peer broke the protocol (bad framing, unexpected message, integrity failure).</summary>
internal sealed class SshProtocolException : Exception
{
    public SshProtocolException() { }

    public SshProtocolException(string message) : base(message) { }

    public SshProtocolException(string message, Exception innerException) : base(message, innerException) { }
}
