using System.Text;
using SshDoctor.Files;

namespace SshDoctor.Tests.Files;

/// <summary>One pass over a stream, bounded: long lines are numbered but not kept, and the line a bound cuts is not given.</summary>
public sealed class BoundedLineStreamTests
{
    [Fact]
    public void Lines_are_numbered_and_a_last_line_without_newline_is_given()
    {
        var lines = Read("a\nb\r\nc", maxLineBytes: 100, maxBytes: 1000);

        Assert.Equal([(1, "a"), (2, "b\r"), (3, "c")], lines.Lines);
        Assert.False(lines.Cut);
    }

    [Fact]
    public void A_line_longer_than_the_bound_is_given_as_null_and_reading_goes_on()
    {
        var lines = Read("short\n" + new string('x', 200_000) + "\nafter\n", maxLineBytes: 1000, maxBytes: 1 << 20);

        Assert.Equal([(1, "short"), (2, null), (3, "after")], lines.Lines);
    }

    [Fact]
    public void The_line_the_byte_bound_cuts_through_is_not_given()
    {
        var lines = Read("one\ntwo\nthree\n", maxLineBytes: 100, maxBytes: 10);

        Assert.Equal([(1, "one"), (2, "two")], lines.Lines);
        Assert.True(lines.Cut);
    }

    [Fact]
    public void A_stream_that_ends_exactly_at_the_bound_is_whole()
    {
        var lines = Read("one\ntwo", maxLineBytes: 100, maxBytes: 7);

        Assert.Equal([(1, "one"), (2, "two")], lines.Lines);
        Assert.False(lines.Cut);
    }

    private static (List<(int, string?)> Lines, bool Cut) Read(string text, int maxLineBytes, long maxBytes)
    {
        var reader = new BoundedLineStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLineBytes, maxBytes);
        var lines = reader.Lines().ToList();
        return (lines, reader.Cut);
    }
}
