using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// A growing byte buffer for a per-line output: either the bytes waiting to be passed on to a stream, or the bytes a
/// worker formatted for the lines of one block (<see cref="LineFormat"/>), each line as a head and a tail around the
/// fields that only the in-order pass knows. Blocks' buffers are pooled: they are filled on a worker and returned on
/// the reader's thread, as <see cref="BlockBuffers"/> are.
/// </summary>
public sealed class LineBytes
{
    /// <summary>Buffers kept for reuse: the blocks in flight and a few more (a block's events take a few MB).</summary>
    private const int PoolKeeps = 8;

    private static readonly ConcurrentQueue<LineBytes> Pool = new();

    private byte[] _bytes;
    private int[] _ends = [];
    private int _endCount;

    public LineBytes(int capacity = 64 * 1024) => _bytes = new byte[capacity];

    public int Length { get; private set; }

    /// <summary>Room left before the buffer would have to grow.</summary>
    public int Free => _bytes.Length - Length;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public static LineBytes Rent() => Pool.TryDequeue(out var bytes) ? bytes : new LineBytes(1 << 20);

    public static void Return(LineBytes bytes)
    {
        bytes.Clear();
        if (Pool.Count < PoolKeeps)
        {
            Pool.Enqueue(bytes);
        }
    }

    /// <summary>Room for <paramref name="count"/> more bytes at the end (the buffer doubles when it has to).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> Reserve(int count)
    {
        if (Free < count)
        {
            Grow(count);
        }

        return _bytes.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    public void Clear()
    {
        Length = 0;
        _endCount = 0;
    }

    /// <summary>Ends the head of the current line (what comes before the fields the in-order pass writes).</summary>
    public void EndHead() => AddEnd();

    /// <summary>Ends the tail of the current line.</summary>
    public void EndLine() => AddEnd();

    /// <summary>A line the output does not show: an empty head and tail, so that line <c>i</c> of the block stays entry <c>i</c>.</summary>
    public void SkipLine()
    {
        AddEnd();
        AddEnd();
    }

    /// <summary>The head of line <paramref name="index"/> of the block.</summary>
    public ReadOnlySpan<byte> Head(int index)
    {
        var start = index == 0 ? 0 : _ends[(2 * index) - 1];
        return _bytes.AsSpan(start, _ends[2 * index] - start);
    }

    /// <summary>The tail of line <paramref name="index"/> of the block.</summary>
    public ReadOnlySpan<byte> Tail(int index)
    {
        var start = _ends[2 * index];
        return _bytes.AsSpan(start, _ends[(2 * index) + 1] - start);
    }

    /// <summary>Out of <see cref="Reserve"/>, which every field of every event calls: its common case stays small enough to inline.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count) => Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));

    private void AddEnd()
    {
        if (_endCount == _ends.Length)
        {
            Array.Resize(ref _ends, Math.Max(2 * 16_384, _ends.Length * 2));
        }

        _ends[_endCount++] = Length;
    }
}
