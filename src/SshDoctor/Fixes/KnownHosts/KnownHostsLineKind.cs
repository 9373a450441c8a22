namespace SshDoctor.Fixes.KnownHosts;

/// <summary>How <c>ssh-keygen -R NAME</c> sees one line of a known_hosts file (hostfile.c:hostkeys_foreach_file).</summary>
public enum KnownHostsLineKind
{
    /// <summary>Blank or a comment: kept.</summary>
    Comment,

    /// <summary>An entry for other hosts: kept.</summary>
    Other,

    /// <summary>An entry for NAME without a marker: the one kind ssh-keygen -R deletes.</summary>
    Matched,

    /// <summary>An @cert-authority or @revoked line for NAME: kept (ssh-keygen -R never removes them).</summary>
    MatchedMarker,

    /// <summary>A line ssh-keygen calls invalid (it then refuses the whole file); the fix keeps it as it is.</summary>
    Invalid,
}
