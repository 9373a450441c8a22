using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// A known <c>HOST NAME[</c> must read a line as the general reading would: the slot of its own prefix, in any order of
/// lines, and the pid as the character-by-character loop reads it.
/// </summary>
public sealed class KnownPrefixesTests
{
    [Fact]
    public void The_vector_pid_reader_answers_as_the_character_loop_for_every_digit_count_tail_and_cut()
    {
        string[] tails = ["]: msg", "]: ", "]:", "] : x", "]", ":", "x]: ", " ]: ", "\u0663]: ", "/]: ", ":]: ", "\u0130]: ", "\u3030]: ", "]:\tx", "]]: "];
        var random = new Random(33);
        for (var digits = 0; digits <= 12; digits++)
        {
            foreach (var tail in tails)
            {
                for (var round = 0; round < 4; round++)
                {
                    var number = new string([.. Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10)))]);
                    var text = number + tail + new string('7', round * 3);
                    for (var length = 0; length <= text.Length; length++)
                    {
                        var cut = text.AsSpan(0, length);
                        var fits = KnownPrefixes.TryReadPidByCharacter(cut, out var pid, out var after);
                        Assert.Equal(fits, KnownPrefixes.TryReadPid(cut, out var vectorPid, out var vectorAfter));
                        if (fits)
                        {
                            Assert.Equal((pid, after), (vectorPid, vectorAfter));
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Lines_in_any_order_find_the_slot_of_their_own_prefix_or_none()
    {
        var known = new KnownPrefixes();
        (string Host, string Name, bool Stamped)[] learnt =
        [
            ("web1", "sshd", true),
            ("web1", "sshd-session", true),
            ("web1", "CRON", true),
            ("db", "sshd", false),
        ];
        foreach (var (host, name, stamped) in learnt)
        {
            known.Remember(stamped, host, name, host, name, isSsh: name.StartsWith("sshd", StringComparison.Ordinal));
        }

        string[] others = ["web1 sshd-sessio[1]: x", "web2 sshd[1]: x", "web1 sshd[]: x", "web1 sshd[1234567890]: x", "web1 sshd[12] x", "db sshd[1]:x"];
        var random = new Random(14);
        for (var n = 0; n < 5000; n++)
        {
            if (random.Next(5) == 0)
            {
                // A name cut short, another host, no pid or ten digits, no colon or space after the bracket.
                Assert.Equal(-1, known.Match(others[random.Next(others.Length)], random.Next(2) == 0, out _, out _));
                continue;
            }

            var (host, name, isStamped) = learnt[random.Next(learnt.Length)];
            var pid = random.Next(1, 1_000_000_000);
            var message = "message " + n;
            var slot = known.Match($"{host} {name}[{pid}]: {message}", isStamped, out var readPid, out var readMessage);
            Assert.True(slot >= 0);
            Assert.Equal((host, name, pid, message), (known.Host(slot), known.Name(slot), readPid, readMessage.ToString()));
            Assert.Equal(-1, known.Match($"{host} {name}[{pid}]: {message}", !isStamped, out _, out _));
        }
    }
}
