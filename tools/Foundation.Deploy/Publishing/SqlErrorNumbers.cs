namespace Foundation.Deploy.Publishing;

/// <summary>The THROW numbers of the Deploy schema's scripts and of the tool's own batches (range 50300-50399, docs/deployment.md).</summary>
public static class SqlErrorNumbers
{
    /// <summary>Pre-deployment 010: another deployment holds the deployment lock.</summary>
    public const int LockHeld = 50301;

    /// <summary>Pre-deployment 020: the database records another release than the one the deployment expects.</summary>
    public const int VersionMismatch = 50302;

    /// <summary>Pre-deployment 025: the database's compatibility level is below what Foundation's code needs.</summary>
    public const int CompatibilityLevelTooLow = 50303;

    /// <summary>Pre-deployment 510 (and the tool's down steps): a data migration to roll back has no down step or is irreversible.</summary>
    public const int MissingDownStep = 50311;

    /// <summary>Pre-deployment 510: a rollback needs down steps and is not run by Foundation.Deploy.</summary>
    public const int RollbackNeedsTool = 50312;

    /// <summary>A data migration (up or down) was about to run without a trusted deployment context.</summary>
    public const int UntrustedMigration = 50313;

    /// <summary>The tool's down steps: not inside the deployment transaction.</summary>
    public const int DownStepsOutsideTransaction = 50314;

    /// <summary>The tool's commit: the deployment transaction was lost before it.</summary>
    public const int DeploymentTransactionLost = 50315;

    /// <summary>The tool's row count around a rebuild: a security predicate still applied, so the count could not see every row.</summary>
    public const int RebuildRowsNotCountable = 50316;

    /// <summary>The tool's row count around a rebuild: the rebuild changed the number of rows.</summary>
    public const int RebuildChangedRowCount = 50317;

    /// <summary>Post-deployment 900: data validation found violations.</summary>
    public const int ValidationFailed = 50320;

    /// <summary>Post-deployment 910: a constraint does not hold for the existing rows.</summary>
    public const int ConstraintValidationFailed = 50321;
}
