using System.Globalization;
using System.IO.Compression;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// A gzip file read up to its end or up to where it is damaged, saying which: what could be decompressed is read, and
/// <see cref="Damage"/> tells a truncated file (copied while it was written, a disk that filled up) from corrupt data.
/// </summary>
/// <remarks>
/// The framework's decompressor ends a truncated file silently unless <c>System.IO.Compression.UseStrictValidation</c>
/// is on; the projects set it (Directory.Build.props), and it then throws where the data stops short.
/// </remarks>
public sealed class CheckedGzipStream : ReadOnlyStream
{
    /// <summary>What is decompressed at open to tell a file that is not gzip at all from one damaged later.</summary>
    private const int FirstBytes = 64 * 1024;

    private readonly EndWatch _compressed;
    private long _decompressed;

    private CheckedGzipStream(EndWatch compressed)
        : base(new GZipStream(compressed, CompressionMode.Decompress))
    {
        this._compressed = compressed;
    }

    /// <summary>Null while the data is sound; else what is wrong with it, said once the damage is reached.</summary>
    public string? Damage { get; private set; }

    /// <summary>
    /// Starts decompressing <paramref name="compressed"/>, which begins with the gzip magic bytes. Throws an
    /// <see cref="IOException"/> with a message for people when not even the beginning can be decompressed.
    /// </summary>
    public static Stream Open(Stream compressed, out CheckedGzipStream gzip)
    {
        gzip = new CheckedGzipStream(new EndWatch(compressed));
        var first = new byte[FirstBytes];
        var length = 0;
        int read;
        while (length < first.Length && (read = gzip.Read(first, length, first.Length - length)) > 0)
        {
            length += read;
        }

        if (length == 0 && gzip.Damage is { } damage)
        {
            gzip.Dispose();
            throw new IOException(damage);
        }

        return new PrefixedStream(first, length, gzip);
    }

    public override int Read(Span<byte> buffer)
    {
        if (Damage is not null)
        {
            return 0;
        }

        try
        {
            var read = Inner.Read(buffer);
            _decompressed += read;
            return read;
        }
        catch (InvalidDataException)
        {
            Damage = _compressed.Ended
                ? _decompressed == 0
                    ? "the gzip file is truncated before any of its text"
                    : $"the gzip file is truncated (copied while it was written?): read up to where it stops, {_decompressed.ToString("N0", CultureInfo.InvariantCulture)} bytes of text; what followed is missing"
                : _decompressed == 0
                    ? "not valid gzip data: it starts like gzip, but cannot be decompressed"
                    : $"the gzip data is corrupt after {_decompressed.ToString("N0", CultureInfo.InvariantCulture)} bytes of text: the rest of the file was not read";
            return 0;
        }
    }

    /// <summary>The compressed stream, noting when it ends: damage met there is truncation, elsewhere corruption.</summary>
    private sealed class EndWatch(Stream inner) : ReadOnlyStream(inner)
    {
        public bool Ended { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            var read = Inner.Read(buffer);
            Ended |= read == 0 && !buffer.IsEmpty;
            return read;
        }
    }
}
