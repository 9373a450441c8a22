using SshDoctor.Diagnosis;

namespace SshDoctor.Fixes.Planning;

/// <summary>
/// Turns diagnoses into one plan, root cause first: each diagnosis whose id has an automatic fix is planned against the
/// files as the fixes before it will leave them. Only proven and likely causes are planned unless the id was asked for;
/// a file that cannot be changed safely refuses that fix with its reason (and the plan then changes nothing: exit 2).
/// </summary>
public static class FixPlanner
{
    public static FixPlan Plan(IEnumerable<Diagnosis.Diagnosis> diagnoses, FixContext context, string? onlyId = null)
    {
        var fixes = new List<PlannedFix>();
        var refused = new List<FixRefusal>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnosis in DiagnosisOrder.RootCauseFirst(diagnoses))
        {
            if ((onlyId is not null && diagnosis.Id != onlyId) || FixRegistry.For(diagnosis.Id) is not { } fix)
            {
                continue;
            }

            var key = diagnosis.Id + "|" + diagnosis.Hop + "|" + string.Join(";", diagnosis.Values.Where(v => v.Key is "host" or "key" or "file" or "path" or "user" or "ip" or "jail").OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value));
            if (!seen.Add(key))
            {
                continue;
            }

            if (diagnosis.Certainty == Certainty.Possible && onlyId is null)
            {
                refused.Add(new FixRefusal(diagnosis, "only a possible cause: not fixed automatically (name the id to fix it anyway)"));
                continue;
            }

            if (context.ServerSide != FixRegistry.IsServerSide(diagnosis.Id))
            {
                refused.Add(new FixRefusal(diagnosis, context.ServerSide ? "a client-side fix: run ssh-doctor fix on the client" : "a server-side fix: run ssh-doctor check-server --fix on the server, as root"));
                continue;
            }

            FixProposal proposal;
            try
            {
                proposal = fix.Plan(diagnosis, context);
            }
            catch (FixInputException e)
            {
                proposal = FixProposal.Refuse(diagnosis, e.Message, badInput: true);
            }

            if (proposal.Fix is { } planned)
            {
                var fresh = planned with { Steps = planned.Steps.Where(s => !AlreadyPlanned(fixes, s)).ToList() };
                if (fresh.Steps.Count == 0)
                {
                    continue;
                }

                fixes.Add(fresh);
                context.Remember(fresh);
            }
            else if (proposal.Refusal is { } refusal)
            {
                refused.Add(refusal);
            }
        }

        return new FixPlan(fixes, refused);
    }

    /// <summary>The same mode or owner change already planned by an earlier fix (two keys both tidy ~/.ssh).</summary>
    private static bool AlreadyPlanned(List<PlannedFix> fixes, FixStep step) => step switch
    {
        ModeStep mode => fixes.SelectMany(f => f.Steps).OfType<ModeStep>().Any(m => m.Path == mode.Path && m.NewMode == mode.NewMode),
        OwnerStep owner => fixes.SelectMany(f => f.Steps).OfType<OwnerStep>().Any(o => o.Path == owner.Path && o.NewUid == owner.NewUid),
        _ => false,
    };
}
