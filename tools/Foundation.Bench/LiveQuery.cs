namespace Foundation.Bench;

/// <summary>
/// A common application query, run the way the application runs its queries: inside a procedure (ownership chaining,
/// as the Api procedures do; the application role is denied the tables themselves). The body may use @TenantId,
/// @UserId, @NormalizedEmail and @AfterUserId. <see cref="Table"/> is the big table it must reach by an index seek on
/// an index whose key starts with <see cref="LeadingColumns"/>.
/// </summary>
public sealed record LiveQuery(string Name, string Procedure, string Body, string Table, IReadOnlyList<string> LeadingColumns)
{
    public const string Schema = "Bench";

    /// <summary>Tables that must only be reached by seeks: they grow with tenants, users or sessions.</summary>
    public static readonly IReadOnlyList<string> BigTables = ["Users", "UserRoles", "Tenants", "SessionSeals"];

    public static IReadOnlyList<LiveQuery> Common { get; } =
    [
        new("user by normalized email", "usp_UserByNormalizedEmail",
            """
            SELECT [UserId], [DisplayName], [Status]
            FROM [Identity].[Users]
            WHERE [TenantId] = @TenantId AND [NormalizedEmail] = @NormalizedEmail;
            """,
            "[Identity].[Users]", ["TenantId", "NormalizedEmail"]),
        new("effective permissions of a user", "usp_EffectivePermissions",
            """
            SELECT DISTINCT p.[Code]
            FROM [Identity].[UserRoles] AS ur
            JOIN [Identity].[Roles] AS r ON r.[RoleId] = ur.[RoleId]
            JOIN [Identity].[RolePermissions] AS rp ON rp.[RoleId] = r.[RoleId]
            JOIN [Identity].[Permissions] AS p ON p.[PermissionId] = rp.[PermissionId]
            WHERE ur.[TenantId] = @TenantId AND ur.[UserId] = @UserId AND ur.[Status] = 'Active'
              AND (ur.[ExpiresAt] IS NULL OR ur.[ExpiresAt] > SYSUTCDATETIME())
              AND r.[Status] = 'Active';
            """,
            "[Identity].[UserRoles]", ["TenantId", "UserId"]),
        new("active assignments of a tenant", "usp_ActiveAssignmentsOfTenant",
            """
            SELECT ur.[UserRoleId], ur.[UserId], ur.[RoleId], ur.[ExpiresAt]
            FROM [Identity].[UserRoles] AS ur
            WHERE ur.[TenantId] = @TenantId AND ur.[Status] = 'Active'
            ORDER BY ur.[UserId], ur.[RoleId];
            """,
            "[Identity].[UserRoles]", ["TenantId"]),
        new("page of users", "usp_PageOfUsers",
            """
            SELECT TOP (50) [UserId], [Email], [DisplayName], [Status]
            FROM [Identity].[Users]
            WHERE [TenantId] = @TenantId AND [UserId] > @AfterUserId
            ORDER BY [UserId];
            """,
            "[Identity].[Users]", ["TenantId"]),
    ];

    public string QualifiedProcedure => $"[{Schema}].[{Procedure}]";

    public string CreateProcedure() =>
        $"""
        CREATE PROCEDURE {QualifiedProcedure}
            @TenantId INT, @UserId BIGINT, @NormalizedEmail NVARCHAR(254), @AfterUserId BIGINT
        AS
        BEGIN
            SET NOCOUNT ON;
        {Body}
        END;
        """;
}
