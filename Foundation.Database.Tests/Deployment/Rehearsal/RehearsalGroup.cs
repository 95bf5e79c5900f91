namespace Foundation.Database.Tests.Deployment.Rehearsal;

/// <summary>The rehearsal's test classes share one <see cref="RehearsalFixture"/>.</summary>
[CollectionDefinition(RehearsalFixture.CollectionName)]
public sealed class RehearsalGroup : ICollectionFixture<RehearsalFixture>;
