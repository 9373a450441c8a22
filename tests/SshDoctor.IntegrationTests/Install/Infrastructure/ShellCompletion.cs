namespace SshDoctor.IntegrationTests.Install.Infrastructure;

/// <summary>
/// What bash, zsh and fish offer for a command line, asked non-interactively: bash runs the completion function with
/// COMP_LINE/COMP_POINT set as readline sets them; zsh completes on a pseudo-terminal (complete.zsh); fish answers
/// <c>complete -C</c>.
/// </summary>
internal static class ShellCompletion
{
    public static IReadOnlyList<string> Bash(string script, string line, IReadOnlyDictionary<string, string?> environment)
    {
        var run = Programs.Run("bash", ["-c", """
            source "$1" || exit 3
            COMP_LINE=$2 COMP_POINT=${#2} COMPREPLY=()
            _ssh_doctor
            printf '%s\n' "${COMPREPLY[@]}"
            """, "bash", script, line], environment);
        Assert.True(run.Code == 0, run.ToString());
        return Lines(run.Stdout);
    }

    /// <summary>The function bash calls for ssh-doctor once the script is loaded (<c>complete -p</c>).</summary>
    public static string BashRegistration(string script) =>
        Programs.Run("bash", ["-c", "source \"$1\" && complete -p ssh-doctor", "bash", script]).Stdout.Trim();

    public static IReadOnlyList<string> Zsh(string functionDirectory, string line, IReadOnlyDictionary<string, string?> environment)
    {
        var harness = Path.Combine(Checkout.Root, "tests", "SshDoctor.IntegrationTests", "Install", "complete.zsh");
        var run = Programs.Run("zsh", ["-f", harness, functionDirectory, line], environment, timeoutSeconds: 90);
        Assert.True(run.Code == 0, run.ToString());
        return Lines(run.Stdout);
    }

    /// <summary>fish's answer, candidates only (it prints "candidate\tdescription"); <paramref name="script"/> null: fish finds it itself.</summary>
    public static IReadOnlyList<string> Fish(string? script, string line, IReadOnlyDictionary<string, string?> environment)
    {
        var load = script is null ? "" : "source $argv[1]; or exit 3; ";
        var run = Programs.Run("fish", ["-c", load + "complete -C $argv[2]", script ?? "", line], environment);
        Assert.True(run.Code == 0, run.ToString());
        return Lines(string.Join('\n', run.Stdout.Split('\n').Select(l => l.Split('\t')[0])));
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().Order(StringComparer.Ordinal)];
}
