using SshDoctor.Config;

namespace SshDoctor.Probing.Resolve;

/// <summary>
/// The names ssh checks before it reads any configuration (ssh.c main, readconf.c parse_jump with strict checking):
/// the destination's host, the user that wins on the command line (-l or user@, else -o User), and every hop of -J
/// and of each -o ProxyJump. Checked before ssh -G or the built-in parser sees them, and before any %h / %r expansion.
/// </summary>
public static class CommandLineNames
{
    /// <summary>The first name ssh would refuse, with ssh's message and what the name is; null when ssh accepts them all.</summary>
    public static NameRefusal? FirstRefused(DiagnoseRequest request, Destination destination)
    {
        if (!SshNames.IsValidHostname(destination.Host))
        {
            return new NameRefusal(SshNames.InvalidHostMessage, "host name", destination.Host);
        }

        // The order in which SshArguments hands them to ssh: -l (ours or user@'s) before any -o; ssh keeps the first.
        var user = request.User ?? destination.User ?? OptionValues(request, "user").FirstOrDefault();
        if (user is not null && !SshNames.IsValidRemoteUser(user))
        {
            return new NameRefusal(SshNames.InvalidUserMessage, "user name", user);
        }

        var jumpValues = OptionValues(request, "proxyjump").Prepend(request.JumpHosts).OfType<string>();
        foreach (var hop in jumpValues.Where(v => !v.Equals("none", StringComparison.OrdinalIgnoreCase)).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (hop.Length == 0)
            {
                continue;
            }

            Destination parsed;
            try
            {
                parsed = Destination.Parse(hop);
            }
            catch (FormatException)
            {
                // A hop ssh cannot parse at all is refused by ssh too ("Invalid -J argument"); the hop's own name check says why.
                return new NameRefusal(SshNames.InvalidJumpHostMessage, "jump host", hop);
            }

            if (!SshNames.IsValidHostname(parsed.Host))
            {
                return new NameRefusal(SshNames.InvalidJumpHostMessage, "jump host", parsed.Host);
            }

            if (parsed.User is { } hopUser && !SshNames.IsValidRemoteUser(hopUser))
            {
                return new NameRefusal(SshNames.InvalidJumpUserMessage, "jump host's user name", hopUser);
            }
        }

        return null;
    }

    private static IEnumerable<string> OptionValues(DiagnoseRequest request, string keyword) =>
        request.Options
            .Select(SshConfigParser.Words)
            .Where(words => words.Count >= 2 && words[0].Equals(keyword, StringComparison.OrdinalIgnoreCase))
            .Select(words => string.Join(' ', words.Skip(1)));
}
