namespace Foundation.Database.Tests.Deployment.Rehearsal.Invariants;

/// <summary>Every invariant the rehearsal checks, for the tool's scripts and for the plain SqlPackage ones.</summary>
public static class DeploymentInvariants
{
    public static IReadOnlyList<IDeploymentInvariant> All { get; } =
    [
        new NothingChangesBeforeTheGates(),
        new NoSecurityPolicyAbsentOutsideATransaction(),
        new NothingNonTransactionalInsideATransaction(),
        new MigrationsCommitOnlyWithTheSchemaChange(),
        new MigrationsRunOnlyInATrustedContext(),
        new DeploymentContextOnlyAfterTheSchemaChange(),
        new SucceededIsRecordedLast(),
        new EveryRebuildIsCounted(),
        new NoWriteInACatchOfADoomedTransaction(),
        new TempTablesLiveInTheirOwnSession(),
    ];

    /// <summary>Every violation of every invariant, each prefixed with the invariant's name; the script's own problems first.</summary>
    public static IReadOnlyList<string> Check(RehearsalScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return [.. script.Problems.Select(p => "unverifiable script: " + p), .. All.SelectMany(i => i.Check(script).Select(v => $"{i.Name}: {v}"))];
    }
}
