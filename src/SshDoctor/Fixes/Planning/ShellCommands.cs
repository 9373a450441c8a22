using System.Globalization;
using SshDoctor.Diagnosis.Knowledge;

namespace SshDoctor.Fixes.Planning;

/// <summary>The shell commands fix steps print, each value quoted by <see cref="ShellQuote.Word"/>.</summary>
public static class ShellCommands
{
    public static string Join(IEnumerable<string?> commands) => string.Join(" && ", commands.OfType<string>());

    /// <summary>chmod with the symbolic change the step applies (go-rwx, go-w): the result is the same whatever the mode was.</summary>
    public static string Chmod(string change, string path) => $"chmod {change} {ShellQuote.Word(path)}";

    public static string ChmodOctal(int mode, string path) => $"chmod {Octal(mode)} {ShellQuote.Word(path)}";

    public static string Chown(string owner, string path) => $"chown {ShellQuote.Word(owner)} {ShellQuote.Word(path)}";

    /// <summary>ssh-keygen -R, with -f for any file but the default ~/.ssh/known_hosts; the name is quoted ([host]:port globs).</summary>
    public static string KeygenRemove(string name, string? file) =>
        $"ssh-keygen -R {ShellQuote.Word(name)}{(file is null ? string.Empty : " -f " + ShellQuote.Word(file))}";

    public static string AppendLine(string line, string file) => $"printf '%s\\n' {ShellQuote.Word(line)} >> {ShellQuote.Word(file)}";

    public static string Program(string program, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { program }.Concat(arguments.Select(ShellQuote.Word)));

    public static string Octal(int mode) => Convert.ToString(mode & 0xfff, 8).PadLeft(4, '0').ToString(CultureInfo.InvariantCulture);
}
