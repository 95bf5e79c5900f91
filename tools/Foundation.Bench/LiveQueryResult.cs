namespace Foundation.Bench;

/// <summary>
/// One common query, run as the application role under row-level security and as dbo with the policy off:
/// logical reads of each (SET STATISTICS IO), and what the actual plans (SET STATISTICS XML) did to the big tables.
/// </summary>
public sealed record LiveQueryResult(
    string Query,
    long ReadsUnderPolicy,
    long ReadsWithoutPolicy,
    string ReadsByTableUnderPolicy,
    string ReadsByTableWithoutPolicy,
    string AccessUnderPolicy,
    string AccessWithoutPolicy,
    bool SeeksUnderPolicy,
    bool SeeksWithoutPolicy,
    string ExpectedIndexes)
{
    public const double MaxReadRatio = 1.1;

    public double ReadRatio => ReadsWithoutPolicy == 0 ? (ReadsUnderPolicy == 0 ? 1 : double.PositiveInfinity) : (double)ReadsUnderPolicy / ReadsWithoutPolicy;

    public long ExtraReads => ReadsUnderPolicy - ReadsWithoutPolicy;

    public bool Passed => SeeksUnderPolicy && ReadRatio <= MaxReadRatio;
}
