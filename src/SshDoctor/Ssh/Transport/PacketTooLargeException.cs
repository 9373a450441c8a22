namespace SshDoctor.Ssh.Transport;

/// <summary>The peer announced a packet longer than the configured maximum; nothing was allocated for it.</summary>
internal sealed class PacketTooLargeException : Exception
{
    public PacketTooLargeException() { }

    public PacketTooLargeException(string message) : base(message) { }

    public PacketTooLargeException(string message, Exception innerException) : base(message, innerException) { }

    public PacketTooLargeException(uint announced, int maximum)
        : base($"packet length {announced} exceeds the maximum of {maximum} (ssh: 'Bad packet length {announced}.')")
    {
        Announced = announced;
    }

    public uint Announced { get; }
}
