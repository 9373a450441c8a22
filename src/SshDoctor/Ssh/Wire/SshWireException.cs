namespace SshDoctor.Ssh.Wire;

/// <summary>Raised when bytes from a peer do not follow the SSH wire encoding or exceed a bound.</summary>
public sealed class SshWireException : Exception
{
    public SshWireException() { }

    public SshWireException(string message) : base(message) { }

    public SshWireException(string message, Exception innerException) : base(message, innerException) { }
}
