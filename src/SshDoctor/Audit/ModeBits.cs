namespace SshDoctor.Audit;

/// <summary>Permission masks by their octal names (C# has no octal literals).</summary>
public static class ModeBits
{
    /// <summary>0077: any group or other bit.</summary>
    public const int GroupOrOther = 0x3F;

    /// <summary>0022: group or other write.</summary>
    public const int GroupOrOtherWrite = 0x12;

    /// <summary>0020: group write.</summary>
    public const int GroupWrite = 0x10;

    /// <summary>0002: other write.</summary>
    public const int OtherWrite = 0x2;

    /// <summary>0111: any execute bit.</summary>
    public const int AnyExecute = 0x49;

    /// <summary>0777.</summary>
    public const int All = 0x1FF;

    /// <summary>0644.</summary>
    public const int Mode644 = 0x1A4;

    /// <summary>0600.</summary>
    public const int Mode600 = 0x180;
}
