namespace SshDoctor.Diagnosis;

/// <summary>How sure the doctor is: proven by evidence, likely from the symptoms, or one possibility among several.</summary>
public enum Certainty
{
    Proven,
    Likely,
    Possible,
}

public static class CertaintyNames
{
    public static string ToJson(this Certainty certainty) => certainty switch
    {
        Certainty.Proven => "proven",
        Certainty.Likely => "likely",
        Certainty.Possible => "possible",
        _ => throw new ArgumentOutOfRangeException(nameof(certainty)),
    };
}
