using System.Text.RegularExpressions;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Conventions;

/// <summary>
/// The time of day is read only from a <see cref="TimeProvider"/> a caller hands in, so a test can set it and what the
/// output says about "now" (a scan's times, <c>--since 2h</c>) can be checked. The real clock is named only where a
/// clock is chosen: the CLI's one clock in <c>Program.cs</c>, and the default of a settings record's clock property or
/// of an optional clock parameter. Durations (<c>Stopwatch</c>) are not readings of the time of day and stay.
/// </summary>
public partial class ClockConventionsTests
{
    private static readonly string SourceRoot = SourceFiles.Root;

    public static TheoryData<string> Files() => SourceFiles.Under(SourceRoot);

    [Theory]
    [MemberData(nameof(Files))]
    public void The_time_of_day_is_read_only_from_a_TimeProvider(string file)
    {
        var source = File.ReadAllText(Path.Combine(SourceRoot, file));
        foreach (Match m in DirectRead().Matches(source))
        {
            Assert.Fail($"{file}: '{m.Value}' reads the clock directly; take a TimeProvider (a settings record's Clock) and call GetUtcNow/GetLocalNow");
        }

        if (file == "SshDoctor.Cli/Program.cs")
        {
            return;
        }

        foreach (var line in source.Split('\n').Where(l => l.Contains("TimeProvider.System", StringComparison.Ordinal)))
        {
            Assert.True(ChosenAsDefault().IsMatch(line), $"{file}: '{line.Trim()}' names the real clock outside a default; take the caller's TimeProvider");
        }
    }

    [Fact]
    public void The_check_sees_a_direct_read_and_a_real_clock_outside_a_default()
    {
        Assert.Matches(DirectRead(), "var started = DateTimeOffset.UtcNow;");
        Assert.Matches(DirectRead(), "new(DateTime.Now)");
        Assert.DoesNotMatch(DirectRead(), "var started = settings.Clock.GetUtcNow();");
        Assert.DoesNotMatch(ChosenAsDefault(), "        var now = TimeProvider.System.GetLocalNow();");
        Assert.Matches(ChosenAsDefault(), "    public TimeProvider Clock { get; init; } = TimeProvider.System;");
        Assert.Matches(ChosenAsDefault(), "        clock ??= TimeProvider.System;");
    }

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(Now|UtcNow|Today)\b")]
    private static partial Regex DirectRead();

    /// <summary>A property's default (<c>{ get; init; } = TimeProvider.System</c>) or an optional clock's fallback (<c>clock ?? TimeProvider.System</c>).</summary>
    [GeneratedRegex(@"\{ get; init; \} = TimeProvider\.System\b|\bclock \?\?=? TimeProvider\.System\b")]
    private static partial Regex ChosenAsDefault();
}
