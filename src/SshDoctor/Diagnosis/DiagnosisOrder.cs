namespace SshDoctor.Diagnosis;

/// <summary>
/// Puts the root cause first: proven and likely causes before mere possibilities, then by stage, certainty and rank;
/// possible hints last (a likely one, a git host refusing every key, is a cause like any other). A server-side cause that explains a client symptom present in the list takes the symptom's place, just ahead of it.
/// </summary>
public static class DiagnosisOrder
{
    public static IReadOnlyList<Diagnosis> RootCauseFirst(IEnumerable<Diagnosis> diagnoses)
    {
        var list = diagnoses.ToList();
        return list
            .Select(d => (Diagnosis: d, Key: SortStage(d, list)))
            .OrderBy(x => DiagnosisIds.IsHint(x.Diagnosis.Id) && x.Diagnosis.Certainty == Certainty.Possible ? 1 : 0)
            .ThenBy(x => x.Diagnosis.Certainty == Certainty.Possible ? 1 : 0)
            .ThenBy(x => x.Key.Stage)
            .ThenBy(x => x.Key.BeforeSymptom ? 0 : 1)
            .ThenBy(x => (int)x.Diagnosis.Certainty)
            .ThenBy(x => Specificity(x.Diagnosis.Id))
            .ThenBy(x => x.Diagnosis.Rank)
            .Select(x => x.Diagnosis)
            .ToList();
    }

    /// <summary>
    /// Within one stage and certainty, the more specific cause first: a proven "not SSH" explains the banner timeout,
    /// too many failures explains each refused key, a server's stated reason explains the generic refusal.
    /// </summary>
    private static readonly string[] MoreSpecificFirst =
    [
        DiagnosisIds.BannerNotSsh, DiagnosisIds.TcpResetBeforeBanner, DiagnosisIds.BannerTimeout,
        DiagnosisIds.AuthTooManyFailures, DiagnosisIds.KeyAgentSignFailed, DiagnosisIds.KeySignatureAlgorithm,
        DiagnosisIds.AuthPublicKeyServerModes, DiagnosisIds.AuthPublicKeySelinux, DiagnosisIds.AuthWrongUser,
        DiagnosisIds.AuthNotAllowed, DiagnosisIds.AuthRootRefused, DiagnosisIds.AuthPublicKeyDisabled,
        DiagnosisIds.AuthPasswordDisabled, DiagnosisIds.AuthNoSupportedMethods, DiagnosisIds.AuthPasswordWrong,
        DiagnosisIds.AuthPublicKeyNotAuthorized,
    ];

    private static int Specificity(string id)
    {
        var index = Array.IndexOf(MoreSpecificFirst, id);
        return index < 0 ? MoreSpecificFirst.Length : index;
    }

    private static (int Stage, bool BeforeSymptom) SortStage(Diagnosis d, List<Diagnosis> all)
    {
        if (d.Certainty != Certainty.Possible)
        {
            var symptoms = CauseLinks.SymptomsOf(d.Id);
            var explained = all.Where(o => o.Certainty != Certainty.Possible && symptoms.Contains(o.Id)).ToList();
            if (explained.Count > 0)
            {
                return (explained.Min(o => (int)o.Stage), true);
            }
        }

        return ((int)d.Stage, false);
    }
}
