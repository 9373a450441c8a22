using System.Buffers;
using System.Text;

namespace SshDoctor.Files;

/// <summary>
/// The lines of a stream in one pass with bounded memory: a line longer than <paramref name="maxLineBytes"/> is not
/// kept (its number is given with null text, so a reader can count it as invalid without holding it), and reading
/// stops after <paramref name="maxBytes"/>, with <see cref="Cut"/> set when more was there. The line the bound cuts
/// through is not given at all: no reader judges half a line.
/// </summary>
public sealed class BoundedLineStream(Stream stream, int maxLineBytes, long maxBytes)
{
    private const int ChunkBytes = 64 << 10;

    /// <summary>Reading stopped at the bound with more left.</summary>
    public bool Cut { get; private set; }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    public IEnumerable<(int Number, string? Text)> Lines()
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var pending = new ArrayBufferWriter<byte>();
        var tooLong = false;
        var number = 0;
        try
        {
            while (true)
            {
                var want = (int)Math.Min(ChunkBytes, maxBytes - BytesRead);
                if (want <= 0)
                {
                    Cut = stream.Read(chunk, 0, 1) > 0;
                    if (Cut)
                    {
                        yield break;
                    }

                    break;
                }

                var read = stream.Read(chunk, 0, want);
                if (read == 0)
                {
                    break;
                }

                BytesRead += read;
                var rest = chunk.AsMemory(0, read);
                while (!rest.IsEmpty)
                {
                    var newline = rest.Span.IndexOf((byte)'\n');
                    var piece = newline < 0 ? rest : rest[..newline];
                    if (!tooLong && pending.WrittenCount + piece.Length > maxLineBytes)
                    {
                        tooLong = true;
                        pending.ResetWrittenCount();
                    }

                    if (!tooLong)
                    {
                        pending.Write(piece.Span);
                    }

                    if (newline < 0)
                    {
                        break;
                    }

                    number++;
                    yield return (number, tooLong ? null : Encoding.UTF8.GetString(pending.WrittenSpan));
                    pending.ResetWrittenCount();
                    tooLong = false;
                    rest = rest[(newline + 1)..];
                }
            }

            // The last line has no newline: it is complete only when the stream ended, not when the bound cut it.
            if (pending.WrittenCount > 0 || tooLong)
            {
                number++;
                yield return (number, tooLong ? null : Encoding.UTF8.GetString(pending.WrittenSpan));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
