namespace Foundation.Bench;

/// <summary>
/// How long each step of the live query-cost check may block (seconds), so that a blocked statement (an
/// <c>ALTER SECURITY POLICY</c> waiting for its schema lock, a load on a starved server) ends the run with the step
/// and the bound named, instead of hanging until the pipeline's job limit. At scale 1 every step takes a fraction of its bound.
/// </summary>
public static class LiveCommandTimeouts
{
    /// <summary>Metadata reads, samples, CREATE USER/PROCEDURE, the version check.</summary>
    public const int StatementSeconds = 60;

    /// <summary>Switching a security policy on or off: it waits for a schema-modification lock on every table it covers.</summary>
    public const int PolicySwitchSeconds = 60;

    /// <summary>One measured query (run twice: warm-up, then measured).</summary>
    public const int QuerySeconds = 120;

    /// <summary>One SqlBulkCopy batch of <see cref="BulkVolumeLoader.BatchRows"/> rows (SqlBulkCopy.BulkCopyTimeout).</summary>
    public const int BulkBatchSeconds = 600;

    /// <summary>UPDATE STATISTICS ... WITH FULLSCAN of one loaded table (3,000,000 assignments at scale 1).</summary>
    public const int StatisticsSeconds = 1200;

    /// <summary>DacFx's per-command timeout while deploying (DacDeployOptions.CommandTimeout; its default is 60).</summary>
    public const int DeployCommandSeconds = 120;

    /// <summary>DacFx's long-running command timeout (DacDeployOptions.LongRunningCommandTimeout; its default 0 waits forever).</summary>
    public const int DeployLongRunningSeconds = 600;

    /// <summary>The whole deployment of the dacpac into the fresh bench database.</summary>
    public const int DeploySeconds = 900;

    /// <summary>Dropping the bench database at the end (ROLLBACK IMMEDIATE ends the bench's own sessions first).</summary>
    public const int DropSeconds = 120;
}
