using System.Text;
using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Config;
using SshDoctor.Diagnosis;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// ~/.ssh/config (the input up to the first NUL; two more NUL-separated parts become ~/.ssh/extra.conf and
/// ~/.ssh/config.d/a.conf for Include): the audit's reader and syntax check, the built-in resolver (Host, Match,
/// Include) for a few destinations, and the <c>ssh -G</c> output reader.
/// </summary>
public sealed class SshConfigHarness : IHarness
{
    private static readonly string[] Destinations = ["example.com", "web1", "10.0.0.5", "alice@host"];

    private static readonly Lazy<string> TempHome = new(() =>
    {
        var home = Path.Combine(Path.GetTempPath(), "ssh-doctor-fuzz", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(home, ".ssh", "config.d"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(home, recursive: true);
        return home;
    });

    public string Name => "ssh-config";

    public string Covers => "ClientConfigFile, ConfigSyntaxCheck, SshConfigParser.Resolve (Host/Match/Include), SshGOutputParser";

    public void Run(byte[] input)
    {
        var parts = MemoryFileSystem.Split(input, 3);
        var fs = new MemoryFileSystem()
            .Add(AuditFixtures.Home + "/.ssh/config", parts[0])
            .Add(AuditFixtures.Home + "/.ssh/extra.conf", parts[1])
            .Add(AuditFixtures.Home + "/.ssh/config.d/a.conf", parts[2]);
        var context = AuditFixtures.Local(fs);
        var sink = new AuditSink("config", EvidenceSource.Local);
        new ConfigSyntaxCheck().Run(context, sink);
        ProducedText.CheckAll(context.Config.Lines, "config lines");
        ProducedText.CheckAll(sink.Findings, "findings");
        ProducedText.CheckAll(sink.Diagnoses, "diagnoses");

        // The resolver reads real files: the same three, in a home of this process's own.
        var home = TempHome.Value;
        File.WriteAllBytes(Path.Combine(home, ".ssh", "config"), parts[0]);
        File.WriteAllBytes(Path.Combine(home, ".ssh", "extra.conf"), parts[1]);
        File.WriteAllBytes(Path.Combine(home, ".ssh", "config.d", "a.conf"), parts[2]);
        foreach (var destination in Destinations)
        {
            var resolved = SshConfigParser.Resolve(destination, [("port", "22")], Path.Combine(home, ".ssh", "config"), home, "alice");
            foreach (var keyword in resolved.Keywords)
            {
                foreach (var value in resolved.All(keyword))
                {
                    ProducedText.Check(value, keyword);
                }
            }
        }

        var g = SshGOutputParser.Parse(Encoding.UTF8.GetString(parts[0]));
        foreach (var keyword in g.Keywords)
        {
            ProducedText.Check(g.First(keyword), keyword);
        }
    }
}
