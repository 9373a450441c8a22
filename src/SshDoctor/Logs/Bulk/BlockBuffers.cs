using System.Collections.Concurrent;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The few block-sized byte buffers a read cycles through. Blocks are filled on the reading thread and released on the
/// worker that classified them, which defeats <c>ArrayPool.Shared</c>'s per-thread caches; a fresh 1 MiB array each
/// time means large-object-heap garbage and page faults that cost more than the classification itself.
/// </summary>
public sealed class BlockBuffers(int size, int keep)
{
    private readonly ConcurrentQueue<byte[]> _free = new();

    public int Size { get; } = size;

    public byte[] Rent() => _free.TryDequeue(out var buffer) ? buffer : new byte[Size];

    public void Return(byte[] buffer)
    {
        if (buffer.Length == Size && _free.Count < keep)
        {
            _free.Enqueue(buffer);
        }
    }
}
