namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// Whether a user name could belong to a real account. sshd logs the name a client sent, whatever it is, so a log
/// can hold <c>$(reboot)</c> or a name with a newline; no account has such a name. Accepted: the POSIX portable set
/// (letters, digits, '.', '_', '-', not starting with '-'; shadow's useradd also allows a final '$' for Samba machine
/// accounts) plus what directory-service accounts add ('@' in user@domain, '\' in DOMAIN\user) and non-ASCII
/// letters; at most 256 characters (glibc's LOGIN_NAME_MAX).
/// </summary>
public static class AccountNames
{
    public static bool IsPlausible(string name)
    {
        if (name.Length is 0 or > 256 || name[0] is '-' or '@' or '\\' or '$')
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var allowed = char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '\\' || (c == '$' && i == name.Length - 1);
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }
}
