namespace SshDoctor.Tests.TestSupport;

/// <summary>Tests that read <c>GC.GetTotalAllocatedBytes</c>, which counts every thread: they run alone, after the rest.</summary>
[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;
