using SshDoctor.Ssh;

namespace SshDoctor.Tests.Ssh;

/// <summary>What a peer sent is kept and shown bounded, and says how much was left out.</summary>
public sealed class RemoteTextTests
{
    [Fact]
    public void Short_text_is_kept_as_it_is() => Assert.Equal("Too many connections", RemoteText.Cut("Too many connections"));

    [Fact]
    public void Long_text_is_cut_with_its_length_said() =>
        Assert.Equal(new string('a', 10) + "… (1,000,000 characters)", RemoteText.Cut(new string('a', 1_000_000), 10));

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var cut = RemoteText.Cut("abcdefghi\U0001F600xyz", 10);
        Assert.StartsWith("abcdefghi…", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_is_cut_at_a_character_boundary()
    {
        var bytes = "ああああ"u8.ToArray(); // 3 bytes each
        Assert.StartsWith("あ…", RemoteText.Decode(bytes, 5), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_name_list_shows_its_head_and_a_count()
    {
        var names = Enumerable.Range(0, 50_000).Select(i => "n" + i).ToList();

        Assert.EndsWith(",n31,… (+49,968 more)", RemoteText.Names(names), StringComparison.Ordinal);
        var head = RemoteText.Head(names);
        Assert.Equal(65, head.Count);
        Assert.Equal("… (+49,936 more)", head[^1]);
    }

    [Fact]
    public void A_short_name_list_is_unchanged()
    {
        string[] names = ["curve25519-sha256", "ext-info-s"];
        Assert.Same(names, RemoteText.Head(names));
        Assert.Equal("curve25519-sha256,ext-info-s", RemoteText.Names(names));
    }
}
