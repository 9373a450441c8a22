namespace SshDoctor.Ssh.Transport;

/// <summary>The peer broke the protocol (bad framing, unexpected message, integrity failure).</summary>
internal sealed class SshProtocolException : Exception
{
    public SshProtocolException() { }

    public SshProtocolException(string message) : base(message) { }

    public SshProtocolException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>What OpenSSH's ssh reports for the same fault (its ssh_err() text, e.g. <c>incorrect signature</c>), when known.</summary>
    public string? OpenSshError { get; init; }
}
