using System.Runtime.InteropServices;

namespace SshDoctor.Cli.Rendering;

/// <summary>
/// Standard output or error written with write(2), as the runtime's console does, but without its console set-up:
/// opening <see cref="Console.OpenStandardOutput()"/> on a terminal writes keypad-mode sequences (<c>ESC[?1h ESC=</c>)
/// that nobody asked for, even with NO_COLOR. Not a <see cref="FileStream"/>, whose positioned writes would not move
/// a shared file offset (<c>{ ssh-doctor …; ssh-doctor …; } &gt; out</c> would overwrite). A reader that went away
/// (<c>ssh-doctor logs | head</c>) ends the output quietly, not the run with an error.
/// </summary>
internal sealed partial class StandardStream(int descriptor) : Stream
{
    private const int Interrupted = 4;
    private const int BrokenPipe = 32;
    private bool _readerGone;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty && !_readerGone)
        {
            var written = WriteNative(descriptor, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length);
            if (written >= 0)
            {
                buffer = buffer[(int)written..];
                continue;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error == BrokenPipe)
            {
                _readerGone = true;
            }
            else if (error != Interrupted)
            {
                throw new IOException($"cannot write to standard {(descriptor == 1 ? "output" : "error")}: {Marshal.GetPInvokeErrorMessage(error)}", error);
            }
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// One line of standard input read with read(2), byte by byte so nothing after the newline is taken, at most
    /// <paramref name="limit"/> bytes (the rest of a longer line is read and dropped); null at the end of input.
    /// </summary>
    public static string? ReadLine(int limit)
    {
        var line = new List<byte>();
        var one = new byte[1];
        var any = false;
        while (true)
        {
            var read = ReadNative(0, ref one[0], 1);
            if (read < 0 && Marshal.GetLastPInvokeError() == Interrupted)
            {
                continue;
            }

            if (read <= 0)
            {
                return any ? System.Text.Encoding.UTF8.GetString([.. line]) : null;
            }

            any = true;
            if (one[0] == (byte)'\n')
            {
                return System.Text.Encoding.UTF8.GetString([.. line]);
            }

            if (line.Count < limit)
            {
                line.Add(one[0]);
            }
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks; a ref byte DllImport is blittable and AOT-safe as it is.
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint WriteNative(int descriptor, ref byte buffer, nuint count);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint ReadNative(int descriptor, ref byte buffer, nuint count);
#pragma warning restore SYSLIB1054
}
