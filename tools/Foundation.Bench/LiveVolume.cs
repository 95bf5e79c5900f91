namespace Foundation.Bench;

/// <summary>
/// How much data the live query-cost check loads: at scale 1, 1,000 tenants, 1,000,000 users (1,000 a tenant) and
/// 3,000,000 role assignments (3 a user, one in ten revoked), over the seeded roles plus <see cref="ExtraRoles"/>.
/// </summary>
public sealed record LiveVolume(long Tenants, long Users, int AssignmentsPerUser)
{
    public const int ExtraRoles = 8;

    public long Assignments => Users * AssignmentsPerUser;

    public long UsersPerTenant => Users / Tenants;

    public static LiveVolume AtScale(double scale)
    {
        var tenants = Math.Max(10, (long)Math.Round(1_000 * scale));
        var users = Math.Max(tenants * 10, (long)Math.Round(1_000_000 * scale));
        return new LiveVolume(tenants, users - (users % tenants), 3);
    }
}
