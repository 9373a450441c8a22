using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Fixes;
using SshDoctor.Localization;

namespace SshDoctor.Tests.Conventions;

/// <summary>
/// The catalogue and <c>ssh-doctor fix</c> agree: every id with a fix marked Automatic has an implementation in
/// <see cref="FixRegistry"/>, every implementation has exactly one Automatic catalogue fix (in English and Japanese),
/// and what a report prints for an automatic fix is built by that implementation from the same values.
/// </summary>
public sealed class FixConventionsTests
{
    public static TheoryData<string> Ids() => new(DiagnosisIds.All.Select(e => e.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void An_automatic_catalogue_fix_exists_exactly_when_an_implementation_does(string id)
    {
        foreach (var language in (Language[])[Language.English, Language.Japanese])
        {
            var automatic = DiagnosisCatalogue.Get(id, language).Fixes.Count(f => f.Automatic);
            if (FixRegistry.For(id) is null)
            {
                Assert.True(automatic == 0, $"{id} ({language}) marks a fix Automatic but ssh-doctor fix has no implementation for it");
            }
            else
            {
                Assert.True(automatic == 1, $"{id} ({language}) has an implementation in FixRegistry but {automatic} Automatic catalogue fixes (one expected)");
            }
        }
    }

    [Fact]
    public void Every_implementation_is_for_a_known_id_and_listed_once()
    {
        Assert.All(FixRegistry.All, f => Assert.True(DiagnosisIds.IsKnown(f.Id), f.Id));
        Assert.Equal(FixRegistry.All.Count, FixRegistry.All.Select(f => f.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(FixRegistry.All, f => f.Id == DiagnosisIds.HostKeyRevoked);
    }

    [Fact]
    public void A_fix_is_planned_on_the_users_word_exactly_when_a_rule_judges_the_named_cause()
    {
        // The fix says it may be planned when named; NamedCauseRule makes the diagnosis it is planned from.
        var planned = FixRegistry.All.Where(f => f.PlannedWhenNamed).Select(f => f.Id).Order(StringComparer.Ordinal);
        Assert.Equal(planned, new Diagnosis.Rules.NamedCauseRule().Produces.Order(StringComparer.Ordinal));
        Assert.NotEmpty(planned);
    }

    [Fact]
    public void The_printed_command_of_an_automatic_fix_is_the_implementations_sketch()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = "127.0.0.1",
            ["port"] = "41008",
            ["file"] = "/home/u/.ssh/known_hosts",
            ["key"] = "/home/u/.ssh/id_ed25519",
            ["user"] = "alice",
            ["path"] = "/home/alice/.ssh",
            ["ip"] = "192.0.2.7",
            ["jail"] = "sshd",
            ["home"] = "/home/alice",
        };
        foreach (var fix in FixRegistry.All)
        {
            var diagnosis = Diagnosis.Diagnosis.Create(fix.Id, Certainty.Proven, [], values.Select(v => (v.Key, (string?)v.Value)).ToArray());
            var report = SshDoctor.Reporting.ReportBuilder.Describe(diagnosis, Language.English);
            var printed = Assert.Single(report.Fixes, f => f.Automatic).Command;
            var sketch = fix.Sketch(diagnosis.Values);
            if (sketch is not null)
            {
                Assert.Equal(sketch, printed);
            }
        }
    }

    [Fact]
    public void Host_key_removal_on_another_port_names_the_bracketed_entry_quoted_with_the_file()
    {
        var diagnosis = Diagnosis.Diagnosis.Create(DiagnosisIds.HostKeyChanged, Certainty.Proven, [],
            ("host", "127.0.0.1"), ("port", "41008"), ("known_hosts_name", "[127.0.0.1]:41008"), ("file", "/tmp/x/known_hosts"), ("line", "3"));
        var printed = Assert.Single(SshDoctor.Reporting.ReportBuilder.Describe(diagnosis, Language.English).Fixes, f => f.Automatic).Command;
        Assert.Equal("ssh-keygen -R '[127.0.0.1]:41008' -f /tmp/x/known_hosts", printed);
    }
}
