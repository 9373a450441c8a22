namespace SshDoctor.IntegrationTests.Explain;

/// <summary>One live lab pass (<see cref="LiveLabFixture"/>) shared by the explain and the diagnose tests of its recordings.</summary>
[CollectionDefinition(Name)]
public sealed class LiveLabCollection : ICollectionFixture<LiveLabFixture>
{
    public const string Name = "live lab";
}
