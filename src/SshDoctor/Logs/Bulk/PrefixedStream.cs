namespace SshDoctor.Logs.Bulk;

/// <summary>A read-only stream that first returns bytes already read (to sniff gzip or test a pipe), then the rest of the inner stream.</summary>
public sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream inner) : ReadOnlyStream(inner)
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        if (_position < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        return Inner.Read(buffer);
    }
}
