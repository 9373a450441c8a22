using System.Diagnostics;
using System.Net.Sockets;
using SshDoctor.Audit;
using SshDoctor.Files;

namespace SshDoctor.Tests.Files;

/// <summary>
/// The one bounded way files are read: only regular files are opened (a FIFO must not block, /dev/zero must not be
/// read), at most the bound is read and a cut says so, and why nothing was read is told apart.
/// </summary>
public sealed class BoundedFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sshdoc-bounded-").FullName;

    [Fact]
    public void A_fifo_is_refused_at_once_without_waiting_for_a_writer()
    {
        var path = Path.Combine(_dir, "fifo");
        Assert.Equal(0, Audit.Shell.Run($"mkfifo {path}").Code);

        var clock = Stopwatch.StartNew();
        var read = BoundedFile.Read(path, 1 << 20);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal((FileReadProblem.NotRegular, FileKind.Fifo), (read.Problem, read.Kind));
        Assert.Equal("a FIFO, not a regular file", read.Reason);
        Assert.Null(BoundedFile.OpenStream(path, out var status));
        Assert.Equal(FileReadProblem.NotRegular, status.Problem);
    }

    [Theory]
    [InlineData("/dev/zero", FileKind.CharacterDevice)]
    [InlineData("/dev/urandom", FileKind.CharacterDevice)]
    [InlineData("/", FileKind.Directory)]
    public void Devices_and_directories_are_not_read(string path, FileKind kind)
    {
        var read = BoundedFile.Read(path, 1 << 20);

        Assert.Equal((FileReadProblem.NotRegular, kind), (read.Problem, read.Kind));
        Assert.Empty(read.Bytes);
    }

    [Fact]
    public void Dev_null_is_read_as_the_empty_file_ssh_users_mean_by_it()
    {
        var read = BoundedFile.Read("/dev/null", 100);

        Assert.True(read.Ok);
        Assert.Empty(read.Bytes);
        using var stream = BoundedFile.OpenStream("/dev/null", out var status);
        Assert.True(status.Ok);
        Assert.Equal(-1, stream!.ReadByte());
    }

    [Fact]
    public void A_link_to_dev_zero_is_a_character_device_too()
    {
        var path = Path.Combine(_dir, "config");
        File.CreateSymbolicLink(path, "/dev/zero");

        Assert.Equal(FileKind.CharacterDevice, BoundedFile.Read(path, 1 << 20).Kind);
    }

    [Fact]
    public void A_socket_is_not_read()
    {
        var path = Path.Combine(_dir, "sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        Assert.Equal((FileReadProblem.NotRegular, FileKind.Socket), (BoundedFile.Read(path, 100).Problem, BoundedFile.Read(path, 100).Kind));
    }

    [Fact]
    public void A_symlink_loop_and_a_missing_file_are_told_apart()
    {
        File.CreateSymbolicLink(Path.Combine(_dir, "a"), Path.Combine(_dir, "b"));
        File.CreateSymbolicLink(Path.Combine(_dir, "b"), Path.Combine(_dir, "a"));

        Assert.Equal(FileReadProblem.SymlinkLoop, BoundedFile.Read(Path.Combine(_dir, "a"), 100).Problem);
        Assert.Equal(FileReadProblem.Missing, BoundedFile.Read(Path.Combine(_dir, "none"), 100).Problem);
        Assert.Equal(FileReadProblem.Missing, BoundedFile.Read(Path.Combine(_dir, "none", "deeper"), 100).Problem);
    }

    [Fact]
    public void A_file_past_the_bound_is_cut_and_its_text_keeps_only_complete_lines()
    {
        var path = Path.Combine(_dir, "known_hosts");
        File.WriteAllText(path, "first line\nsecond line\nthird line that the bound cuts through\n");

        var read = BoundedFile.Read(path, 30);

        Assert.True(read.Ok);
        Assert.True(read.Cut);
        Assert.Equal(30, read.Bytes.Length);
        Assert.Equal(new FileInfo(path).Length, read.Size);
        Assert.Equal("first line\nsecond line\n", read.Text);
    }

    [Fact]
    public void A_file_exactly_at_the_bound_is_not_cut()
    {
        var path = Path.Combine(_dir, "exact");
        File.WriteAllText(path, "0123456789");

        var read = BoundedFile.Read(path, 10);

        Assert.False(read.Cut);
        Assert.Equal("0123456789", read.Text);
    }

    [Fact]
    public void A_sparse_gigabyte_is_read_only_up_to_the_bound()
    {
        var path = Path.Combine(_dir, "sparse");
        using (var file = File.Create(path))
        {
            file.SetLength(1L << 30);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = BoundedFile.Read(path, 1 << 20);

        Assert.True(read.Cut);
        Assert.Equal(1 << 20, read.Bytes.Length);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 << 20);
    }

    [Fact]
    public void Files_under_proc_that_say_size_zero_are_still_read()
    {
        var read = BoundedFile.Read("/proc/self/status", 1 << 20);

        Assert.Equal(0, read.Size);
        Assert.Contains("VmHWM", read.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_result_names_the_path_the_caller_gave()
    {
        var path = Path.Combine(_dir, "passwd");
        File.WriteAllText(path, "root:x:0:0::/root:/bin/sh\n");

        Assert.Equal("/etc/passwd", BoundedFile.Read(path, 100, "/etc/passwd").Path);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
