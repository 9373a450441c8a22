using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Observations;

namespace SshDoctor.Audit;

/// <summary>
/// Runs every check (a check that throws is reported as an error finding and cannot stop the others), then the rules
/// over what the checks saw.
/// </summary>
public static class AuditRunner
{
    public static AuditResult Run<TContext>(IEnumerable<IAuditCheck<TContext>> checks, TContext context, EvidenceSource source)
    {
        var findings = new List<Finding>();
        var observations = new List<AuditObservation>();
        foreach (var check in checks)
        {
            var sink = new AuditSink(check.Area, source);
            try
            {
                check.Run(context, sink);
            }
            catch (Exception e)
            {
                sink.Add(FindingSeverity.Error, "check.failed", null, ("check", check.Name), ("error", e.GetType().Name + ": " + e.Message));
            }

            findings.AddRange(sink.Findings);
            observations.AddRange(sink.Observations);
        }

        // Group by area in the order areas first appear, keeping each area's own order.
        var areaOrder = findings.Select(f => f.Area).Distinct(StringComparer.Ordinal).ToList();
        var grouped = findings.OrderBy(f => areaOrder.IndexOf(f.Area)).ToList();
        return new AuditResult(DiagnosisEngine.Evaluate(ObservationSet.FromAudit(observations), keepAll: true), grouped);
    }
}
