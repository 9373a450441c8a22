using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SshDoctor.Cli.Rendering;
using SshDoctor.Probing.UserSsh;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// <c>ssh-doctor --version</c> (version and commit) and <c>ssh-doctor version [--json]</c>, which adds the runtime,
/// whether this is the native build, and the OpenSSH client found on PATH (as <c>ssh -V</c> reports it).
/// </summary>
internal static class VersionCommand
{
    private static readonly TimeSpan SshTimeout = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Also the runtime, whether this is the native build, and the OpenSSH found, as JSON." };
        var command = new Command("version", "Print the version, the commit it was built from, the runtime and the OpenSSH client found.") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var openSsh = await FindOpenSshAsync(cancellationToken);
            var output = Terminal.StandardOutput(color: false);
            if (parse.GetValue(json))
            {
                output.WriteData(Json(openSsh));
            }
            else
            {
                output.WriteLine(BuildInfo.VersionLine);
                output.WriteLine($"runtime: {BuildInfo.Runtime} ({(BuildInfo.IsNative ? "native" : "JIT")}, {BuildInfo.Architecture})");
                output.WriteLine($"openssh: {(openSsh is null ? "not found" : $"{openSsh.Value.Version} ({openSsh.Value.Path})")}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>System.CommandLine's own <c>--version</c> prints only the informational version; ours names the commit.</summary>
    public static void ReplaceVersionOption(RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Description = "Print the version and the commit it was built from.";
            option.Action = new PrintVersionLine();
        }
    }

    private static string Json((string Path, string Version)? openSsh)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("version", SafeText.Escape(BuildInfo.Version));
            writer.WriteString("commit", SafeText.Escape(BuildInfo.Commit));
            writer.WriteString("runtime", SafeText.Escape(BuildInfo.Runtime));
            writer.WriteBoolean("native", BuildInfo.IsNative);
            writer.WriteString("architecture", SafeText.Escape(BuildInfo.Architecture));
            if (openSsh is { } found)
            {
                writer.WriteStartObject("openssh");
                writer.WriteString("version", SafeText.Escape(found.Version));
                writer.WriteString("path", SafeText.Escape(found.Path));
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("openssh");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The ssh on PATH and the first line of its <c>ssh -V</c> (e.g. "OpenSSH_9.2p1 Debian-2+deb12u7, OpenSSL 3.0.17 1 Jul 2025").</summary>
    private static async Task<(string Path, string Version)?> FindOpenSshAsync(CancellationToken cancellationToken)
    {
        if (SshExecutable.Find(Environment.GetEnvironmentVariable) is not { } ssh)
        {
            return null;
        }

        var run = await ssh.RunAsync(["-V"], SshTimeout, cancellationToken);
        var line = (run.Stderr + run.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null ? null : (ssh.Path, line);
    }

    private sealed class PrintVersionLine : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Terminal.StandardOutput(color: false).WriteLine(BuildInfo.VersionLine);
            return ExitCodes.Ok;
        }
    }
}
