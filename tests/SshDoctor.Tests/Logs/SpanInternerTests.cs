using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>The interner's cache must never return another text nor another text's hash, whatever collides in it.</summary>
public class SpanInternerTests
{
    [Fact]
    public void Returns_the_same_text_and_the_same_object_for_repeats_among_many_colliding_keys()
    {
        OnThreadOfItsOwn(InternMany);
    }

    [Fact]
    public void Hands_back_the_text_hash_and_the_percent_of_empty_long_and_uncached_texts()
    {
        foreach (var text in (string[])["", new string('a', 300), new string('a', 255) + "%z", new string('a', 255) + "%", "%z", "u" + Guid.NewGuid() + "%z"])
        {
            Assert.Equal(text, SpanInterner.Get(text, out var hash, out var percent));
            Assert.Equal(TextHash.Of(text), hash);
            Assert.Equal(Math.Max(0, text.IndexOf('%', StringComparison.Ordinal)), percent);
        }
    }

    [Fact]
    public void Past_its_capacity_keeps_a_string_only_for_a_text_that_comes_again()
    {
        // A storm's addresses come once each: a string kept for each would outlive the young generation for nothing.
        OnThreadOfItsOwn(() =>
        {
            for (var n = 0; n < SpanInterner.Capacity; n++)
            {
                SpanInterner.Get($"filler-{n}");
            }

            var once = SpanInterner.Get("198.51.100.7".ToCharArray(), out var onceHash, out _);
            var again = SpanInterner.Get("198.51.100.7".ToCharArray(), out var againHash, out _);
            var third = SpanInterner.Get("198.51.100.7".ToCharArray(), out var thirdHash, out _);
            Assert.Equal("198.51.100.7", once);
            Assert.NotSame(once, again);
            Assert.Same(again, third);
            Assert.Equal(TextHash.Of("198.51.100.7"), onceHash);
            Assert.Equal(onceHash, againHash);
            Assert.Equal(onceHash, thirdHash);
        });
    }

    [Fact]
    public void Past_its_capacity_hands_a_new_address_back_as_its_key_and_makes_its_string_when_it_comes_again()
    {
        // A storm's address gets no string (the line carries its key) until it comes a second time; a text no key
        // holds (letters, a zone, more than 16 characters) still gets its string.
        OnThreadOfItsOwn(() =>
        {
            for (var n = 0; n < SpanInterner.Capacity; n++)
            {
                SpanInterner.Get($"filler-{n}");
            }

            foreach (var text in (string[])["198.51.100.7", "1", "255.255.255.255", "::1", "2001::1:2:3:4"])
            {
                Assert.Null(SpanInterner.GetOrKey(text.ToCharArray(), out var hash, out var percent, out var key));
                Assert.Equal(text, AddressKey.ToString(key));
                Assert.Equal(TextHash.Of(text), hash);
                Assert.Equal(0, percent);

                var again = SpanInterner.GetOrKey(text.ToCharArray(), out var againHash, out _, out var noKey);
                Assert.Equal(text, again);
                Assert.Equal(0UL, noKey);
                Assert.Equal(hash, againHash);
                Assert.Same(again, SpanInterner.GetOrKey(text.ToCharArray(), out _, out _, out _));
            }

            foreach (var text in (string[])["2001:db8::9dae", "fe80::1%eth0", "1234567890123.567", "h\u00f4te", "user" + Guid.NewGuid().ToString("N")[..8], new string('1', 300)])
            {
                Assert.Equal(text, SpanInterner.GetOrKey(text.ToCharArray(), out var hash, out var percent, out var key));
                Assert.Equal(0UL, key);
                Assert.Equal(TextHash.Of(text), hash);
                Assert.Equal(Math.Max(0, text.IndexOf('%', StringComparison.Ordinal)), percent);
            }
        });
    }

    [Fact]
    public void Finds_a_percent_at_every_place_of_texts_of_every_length_and_none_in_characters_near_it()
    {
        // Where the first % is comes back on a miss (found from the text) and on a hit (kept in the cache): at every
        // position of texts shorter and longer than the hash's words of four characters, beside characters that differ
        // from % in a bit or a byte (a faster search, say in the pass that hashes the text, must not see them).
        OnThreadOfItsOwn(() =>
        {
            foreach (var near in "$&\u0125\u2525\u8025\u0024\u00a5e")
            {
                for (var length = 1; length <= 20; length++)
                {
                    for (var at = -1; at < length; at++)
                    {
                        var chars = Enumerable.Range(0, length).Select(i => i == at ? '%' : i % 2 == 0 ? near : (char)('0' + (i % 10))).ToArray();
                        var text = new string(chars);
                        for (var twice = 0; twice < 2; twice++)
                        {
                            Assert.Equal(text, SpanInterner.Get(chars, out var hash, out var percent));
                            Assert.Equal(TextHash.Of(text), hash);
                            Assert.Equal(Math.Max(0, at), percent);
                        }
                    }
                }
            }
        });
    }

    [Fact]
    public void A_short_key_is_its_text_and_nothing_else()
    {
        // Texts of 1 to 16 characters from a few letters (so that the overlapping halves of a key repeat each other),
        // each one's key with its length must be its own, and the first % found in it the text's; a character outside ASCII at any place, an empty text or one
        // of 17 characters gets none.
        var random = new Random(34);
        var owners = new Dictionary<(ulong Low, ulong High, int Length), string>();
        for (var i = 0; i < 200_000; i++)
        {
            var length = 1 + random.Next(16);
            var text = new string(Enumerable.Range(0, length).Select(_ => "a.1%\u007f"[random.Next(5)]).ToArray());
            Assert.True(SpanInterner.TryShortKey(text, out var low, out var high));
            Assert.Equal(Math.Max(0, text.IndexOf('%', StringComparison.Ordinal)), SpanInterner.PercentOf(low, high, length));
            Assert.Equal(text, owners.TryGetValue((low, high, length), out var owner) ? owner : owners[(low, high, length)] = text);
        }

        Assert.False(SpanInterner.TryShortKey("", out _, out _));
        Assert.False(SpanInterner.TryShortKey(new string('1', 17), out _, out _));
        foreach (var outside in "\u0080\u00ff\u0100\u2025\u8031\uffff")
        {
            for (var length = 1; length <= 16; length++)
            {
                for (var at = 0; at < length; at++)
                {
                    var chars = Enumerable.Repeat('1', length).ToArray();
                    chars[at] = outside;
                    Assert.False(SpanInterner.TryShortKey(chars, out _, out _));
                }
            }
        }
    }

    [Fact]
    public void Short_texts_that_differ_in_one_character_at_any_place_are_told_apart()
    {
        // Through the cache of short texts and the general one (a character outside ASCII): each text comes back as
        // itself with its own hash and percent, the first time and from the cache.
        OnThreadOfItsOwn(() =>
        {
            for (var length = 1; length <= 18; length++)
            {
                foreach (var other in "02.%:\u00e9")
                {
                    for (var at = -1; at < length; at++)
                    {
                        var chars = Enumerable.Range(0, length).Select(i => i == at ? other : (char)('1' + (i % 9))).ToArray();
                        var text = new string(chars);
                        for (var twice = 0; twice < 2; twice++)
                        {
                            Assert.Equal(text, SpanInterner.Get(chars, out var hash, out var percent));
                            Assert.Equal(TextHash.Of(text), hash);
                            Assert.Equal(Math.Max(0, text.IndexOf('%', StringComparison.Ordinal)), percent);
                        }
                    }
                }
            }
        });
    }

    /// <summary>Runs <paramref name="test"/> on a new thread: the interner is per thread, and other tests may have filled this one's.</summary>
    private static void OnThreadOfItsOwn(Action test)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                test();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }

    private static void InternMany()
    {
        var random = new Random(5);
        var texts = Enumerable.Range(0, SpanInterner.Capacity * 3 / 4).Select(n => n % 3 == 0 ? $"10.{n % 7}.{n / 256 % 256}.{n % 256}" : n % 3 == 1 ? $"u{n}" : new string('x', n % 40) + n + (n % 5 == 0 ? "%eth" + (n % 3) : "")).ToArray();
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 200_000; i++)
        {
            var text = texts[random.Next(texts.Length)];
            var got = SpanInterner.Get(text.ToCharArray(), out var hash, out var percent);
            Assert.Equal(text, got);
            Assert.Equal(TextHash.Of(text), hash);
            Assert.Equal(Math.Max(0, text.IndexOf('%', StringComparison.Ordinal)), percent);
            if (first.TryGetValue(text, out var earlier))
            {
                Assert.Same(earlier, got);
            }
            else
            {
                first[text] = got;
            }
        }
    }
}
