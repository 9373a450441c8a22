using System.Text.RegularExpressions;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Conventions;

/// <summary>
/// Every program ssh-doctor starts goes through <c>Audit/ProcessGroups.cs</c>: in a process group of its own, recorded
/// before ssh-doctor can be stopped, killed with what it left behind. A file that starts a process another way would
/// leave children running after Ctrl-C or SIGTERM.
/// </summary>
public partial class ProcessConventionsTests
{
    private static readonly string SourceRoot = SourceFiles.Root;

    public static TheoryData<string> Files() => SourceFiles.Under(SourceRoot);

    [Theory]
    [MemberData(nameof(Files))]
    public void Programs_are_started_only_through_process_groups(string file)
    {
        if (file == "SshDoctor/Audit/ProcessGroups.cs")
        {
            return;
        }

        var source = File.ReadAllText(Path.Combine(SourceRoot, file));
        foreach (Match m in DirectStart().Matches(source))
        {
            Assert.Fail($"{file}: '{m.Value}' starts a program around ProcessGroups; use ProcessGroups.StartInfo and ProcessGroups.Start");
        }
    }

    [GeneratedRegex(@"\bProcess\.Start\(|\bprocess\.Start\(\)|_process\.Start\(\)|new ProcessStartInfo\b")]
    private static partial Regex DirectStart();
}
