using System.Reflection;
using System.Text.RegularExpressions;
using SshDoctor.Logs.Signatures;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Conventions;

/// <summary>
/// Code reads events by typed names (<see cref="EventNames"/>), never by strings: each name there is a table
/// signature's, each field a group of it, and no other file spells a signature's name, so renaming a signature or a
/// group in the tables fails here instead of silently reading nothing.
/// </summary>
public sealed partial class EventNameConventionsTests
{
    private static readonly string Source = Path.Combine(SampleFiles.RepositoryRoot, "src");

    private static ILookup<string, MessageSignature> Signatures { get; } = SignatureTable.All.ToLookup(s => s.Name, StringComparer.Ordinal);

    private static IEnumerable<Type> Events => typeof(EventNames).GetNestedTypes().Where(t => t != typeof(EventNames.AnyEvent));

    private static IEnumerable<(Type Owner, EventField Field)> FieldsOf(Type owner) =>
        owner.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(EventField))
            .Select(f => (owner, (EventField)f.GetValue(null)!));

    [Fact]
    public void Every_event_name_is_a_table_signatures()
    {
        var names = Events.Select(t => (t.Name, Value: (string)t.GetField("Name")!.GetRawConstantValue()!)).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.True(Signatures.Contains(n.Value), $"EventNames.{n.Name} is \"{n.Value}\", which no signature in the tables is called"));
    }

    [Fact]
    public void Every_field_is_a_group_of_its_signature()
    {
        var fields = Events.SelectMany(FieldsOf).ToList();
        Assert.NotEmpty(fields);
        Assert.All(fields, f =>
        {
            var name = (string)f.Owner.GetField("Name")!.GetRawConstantValue()!;
            Assert.Equal(name, f.Field.Signature);
            Assert.True(Signatures[name].Any(s => s.GroupNames.Contains(f.Field.Group)), $"{name} has no group '{f.Field.Group}' ({f.Owner.Name})");
        });
    }

    [Fact]
    public void Every_field_read_from_several_signatures_is_a_group_of_one()
    {
        var fields = FieldsOf(typeof(EventNames.AnyEvent)).ToList();
        Assert.NotEmpty(fields);
        Assert.All(fields, f =>
        {
            Assert.Null(f.Field.Signature);
            Assert.True(SignatureTable.All.Any(s => s.GroupNames.Contains(f.Field.Group)), $"no signature has a group '{f.Field.Group}'");
        });
    }

    [Fact]
    public void No_code_spells_a_signatures_name()
    {
        // The tables define the names; EventNames binds code to them.
        var offenders = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.EndsWith("Signatures.cs", StringComparison.Ordinal) && !f.EndsWith(".g.cs", StringComparison.Ordinal) && !f.EndsWith("EventNames.cs", StringComparison.Ordinal))
            .SelectMany(f => StringLiteral().Matches(File.ReadAllText(f))
                .Select(m => m.Groups["text"].Value)
                .Where(Signatures.Contains)
                .Select(name => $"{Path.GetRelativePath(Source, f)}: \"{name}\""))
            .ToList();
        Assert.True(offenders.Count == 0, "use EventNames instead of a signature's name as a string: " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_source_scan_sees_a_spelled_name()
    {
        Assert.Contains(StringLiteral().Matches("if (e.Kind == \"client.connect-failed\")").Select(m => m.Groups["text"].Value), n => Signatures.Contains(n));
    }

    [GeneratedRegex("\"(?<text>[a-z0-9]+\\.[a-z0-9-]+)\"")]
    private static partial Regex StringLiteral();
}
