namespace Foundation.Database.Tests.Deployment.Fixtures;

/// <summary>
/// Small schema versions the planner tests deploy over one another: a base with one tenant-scoped table, and one
/// change each (add a column, drop a column, narrow a type, insert a column mid-table, add an RLS table, change a predicate).
/// </summary>
public static class FixtureVersions
{
    private const string AppSchema = "CREATE SCHEMA [App] AUTHORIZATION [dbo];";
    private const string SecuritySchema = "CREATE SCHEMA [Security] AUTHORIZATION [dbo];";

    private const string Items = """
        CREATE TABLE [App].[Items] ([ItemId] INT NOT NULL, [TenantId] INT NOT NULL, [Name] NVARCHAR(200) NOT NULL, [Note] NVARCHAR(400) NULL,
            CONSTRAINT [PK_App_Items] PRIMARY KEY CLUSTERED ([ItemId]));
        """;

    private const string Predicate = """
        CREATE FUNCTION [Security].[fn_TenantAccessPredicate](@TenantId INT) RETURNS TABLE WITH SCHEMABINDING AS
        RETURN SELECT 1 AS [AccessResult] WHERE @TenantId = CAST(SESSION_CONTEXT(N'TenantId') AS INT);
        """;

    private const string ChangedPredicate = """
        CREATE FUNCTION [Security].[fn_TenantAccessPredicate](@TenantId INT) RETURNS TABLE WITH SCHEMABINDING AS
        RETURN SELECT 1 AS [AccessResult] WHERE @TenantId = CAST(SESSION_CONTEXT(N'TenantId') AS INT) OR CAST(SESSION_CONTEXT(N'IsSystem') AS BIT) = 1;
        """;

    private const string Orders = """
        CREATE TABLE [App].[Orders] ([OrderId] INT NOT NULL, [TenantId] INT NOT NULL, [Total] DECIMAL(18, 2) NOT NULL,
            CONSTRAINT [PK_App_Orders] PRIMARY KEY CLUSTERED ([OrderId]));
        """;

    private const string OrdersIndex = "CREATE INDEX [IX_App_Orders_TenantId] ON [App].[Orders] ([TenantId]);";

    private const string Policy = """
        CREATE SECURITY POLICY [Security].[TenantIsolationPolicy]
            ADD FILTER PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Orders],
            ADD BLOCK PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Orders]
            WITH (STATE = ON);
        """;

    public static string[] Base => [AppSchema, Items];

    public static string[] AddColumn => [AppSchema, Items.Replace("[Note] NVARCHAR(400) NULL,", "[Note] NVARCHAR(400) NULL, [Priority] INT NULL,", StringComparison.Ordinal)];

    public static string[] DropColumn => [AppSchema, Items.Replace(" [Note] NVARCHAR(400) NULL,", string.Empty, StringComparison.Ordinal)];

    public static string[] NarrowType => [AppSchema, Items.Replace("[Name] NVARCHAR(200)", "[Name] NVARCHAR(50)", StringComparison.Ordinal)];

    /// <summary>A column inserted before existing ones: DacFx keeps column order by rebuilding the table.</summary>
    public static string[] InsertColumnMidTable => [AppSchema, Items.Replace("[TenantId] INT NOT NULL,", "[Code] INT NULL, [TenantId] INT NOT NULL,", StringComparison.Ordinal)];

    /// <summary>An index on an existing table.</summary>
    public static string[] IndexExistingTable => [AppSchema, Items, "CREATE INDEX [IX_App_Items_TenantId] ON [App].[Items] ([TenantId]);"];

    public static string[] AddRlsTable => [AppSchema, SecuritySchema, Items, Orders, OrdersIndex, Predicate, Policy];

    public static string[] ChangePredicate => [AppSchema, SecuritySchema, Items, Orders, OrdersIndex, ChangedPredicate, Policy];
}
