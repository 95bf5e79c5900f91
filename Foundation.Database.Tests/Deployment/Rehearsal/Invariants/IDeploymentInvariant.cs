namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>A property every deploy script must have; <see cref="Check"/> lists each statement that breaks it (empty: holds).</summary>
public interface IDeploymentInvariant
{
    /// <summary>The property, as a sentence.</summary>
    string Name { get; }

    IReadOnlyList<string> Check(RehearsalScript script);
}
