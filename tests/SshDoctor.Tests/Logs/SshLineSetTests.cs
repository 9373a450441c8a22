using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// A block's array of lines is reused without clearing: <see cref="SshLine.Set"/> skips writing a string field that
/// already holds the same string, so every field must still come out as given, whatever the slot held before.
/// </summary>
public sealed class SshLineSetTests
{
    [Fact]
    public void Every_field_is_what_was_given_whatever_the_slot_held()
    {
        string?[] texts = [null, "web1", "sshd-session", "192.0.2.1", "root", "sshd.failed-password", "auth.password", new string('w', 4)];
        var random = new Random(32);
        var slot = default(SshLine);
        for (var n = 0; n < 5_000; n++)
        {
            string? Pick() => texts[random.Next(texts.Length)];
            var (host, process, ip, user, kind, id) = (Pick(), Pick(), Pick(), Pick(), Pick(), Pick());
            var text = Pick() ?? string.Empty;
            var clock = new DateTime(2026, 12, 6, 7, 45, 0).AddSeconds(n);
            LogTime? at = random.Next(3) switch
            {
                0 => null,
                1 => new LogTime(clock, null),
                _ => new LogTime(clock, TimeSpan.FromHours(-5)),
            };
            int? pid = random.Next(2) == 0 ? null : n;
            int? port = random.Next(2) == 0 ? null : 65_535 - n;
            var (cut, preauth, attempt) = (random.Next(2) == 0, random.Next(2) == 0, random.Next(2) == 0);
            slot.Set(n, at, host, process, pid, ip, port, user, kind, id, text, cut, n % 7 + 1, preauth, attempt);

            Assert.Equal(n, slot.Line);
            Assert.Equal(at, slot.Time);
            Assert.Same(host, slot.Host);
            Assert.Same(process, slot.Process);
            Assert.Equal(pid, slot.Pid);
            Assert.Same(ip, slot.Ip);
            Assert.Equal(port, slot.Port);
            Assert.Same(user, slot.User);
            Assert.Same(kind, slot.Kind);
            Assert.Same(id, slot.DiagnosisId);
            Assert.Same(text, slot.Text);
            Assert.Equal((cut, preauth, attempt, n % 7 + 1), (slot.Cut, slot.Preauth, slot.Attempt, slot.Times));
        }
    }
}
