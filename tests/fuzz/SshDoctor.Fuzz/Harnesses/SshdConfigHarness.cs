using System.Text;
using SshDoctor.Audit;
using SshDoctor.Audit.Server;
using SshDoctor.Diagnosis;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// /etc/ssh/sshd_config (the input up to the first NUL; the next part is /etc/ssh/sshd_config.d/10.conf for Include,
/// the last is read as <c>sshd -T</c> output): the parser, Match blocks evaluated for alice, bob and root from an IPv4
/// and an IPv6 address, and the checks that read the effective values.
/// </summary>
public sealed class SshdConfigHarness : IHarness
{
    private static readonly string?[] ClientAddresses = [null, "192.0.2.7", "2001:db8::7"];

    public string Name => "sshd-config";

    public string Covers => "SshdConfigFile, EffectiveSshdConfig (files, Match, sshd -T), SshdConfigCheck, AccessRulesCheck";

    public void Run(byte[] input)
    {
        var parts = MemoryFileSystem.Split(input, 3);
        foreach (var address in ClientAddresses)
        {
            var fs = new MemoryFileSystem()
                .Add("/etc/ssh/sshd_config", parts[0])
                .Add("/etc/ssh/sshd_config.d/10.conf", parts[1]);
            var context = AuditFixtures.Server(fs, address);
            var sink = new AuditSink("sshd-config", EvidenceSource.Server);
            new SshdConfigCheck().Run(context, sink);
            new AccessRulesCheck().Run(context, sink);
            ProducedText.CheckAll(sink.Findings, "findings");
            ProducedText.CheckAll(sink.Diagnoses, "diagnoses");
            foreach (var user in (string[])["alice", "bob", "root"])
            {
                ProducedText.CheckAll(context.For(user).Settings, "settings");
            }

            var alice = context.Users.User("alice");
            foreach (var directive in context.Parsed.Directives.Take(256))
            {
                ProducedText.CheckAll(directive, "directive");
                if (directive.Match is { } match)
                {
                    EffectiveSshdConfig.MatchApplies(match, alice, ["alice", "sshusers"], address);
                }
            }

            var fromT = EffectiveSshdConfig.FromSshdT(Encoding.UTF8.GetString(parts[2]), context.Parsed);
            ProducedText.CheckAll(fromT.Settings, "sshd -T settings");
        }
    }
}
