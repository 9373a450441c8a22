using SshDoctor.Cli;
using SshDoctor.Cli.Completion;
using SshDoctor.Cli.Manual;

namespace SshDoctor.Tests.Conventions;

/// <summary>
/// The Japanese man page and the completions are made from the command definitions: every command, option and argument
/// has a Japanese text (Manual/JapaneseHelp.cs) and none is left over from a removed one.
/// </summary>
public class HelpTextConventionsTests
{
    private static readonly CommandModel Root = CommandModel.Of(CommandTree.Create(TimeProvider.System));

    public static TheoryData<string> Keys() => [.. AllKeys().Distinct()];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_command_option_and_argument_has_a_japanese_text(string key) =>
        Assert.True(JapaneseHelp.Texts.ContainsKey(key), $"Manual/JapaneseHelp.cs has no text for \"{key}\"");

    [Fact]
    public void No_japanese_text_is_left_over() =>
        Assert.Empty(JapaneseHelp.Texts.Keys.Except(AllKeys()));

    private static IEnumerable<string> AllKeys()
    {
        yield return "";
        foreach (var option in Root.Options)
        {
            yield return option.Key;
        }

        foreach (var command in Root.Subcommands)
        {
            yield return command.Name;
            foreach (var key in command.Options.Select(o => o.Key).Concat(command.Arguments.Select(a => a.Key)))
            {
                yield return key;
            }
        }
    }
}
