using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Security;

public sealed class RowLevelSecurityGuardTests
{
    private const string Schemas = """
        CREATE SCHEMA [Security] AUTHORIZATION [dbo];
        GO
        CREATE SCHEMA [App] AUTHORIZATION [dbo];
        """;

    private const string TenantPredicate = """
        CREATE FUNCTION [Security].[fn_TenantAccessPredicate](@TenantId INT)
        RETURNS TABLE
        WITH SCHEMABINDING
        AS
        RETURN SELECT 1 AS [AccessResult] WHERE @TenantId = TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT);
        """;

    private const string CoveredTable = """
        CREATE TABLE [App].[Covered] ([Id] INT NOT NULL CONSTRAINT [PK_App_Covered] PRIMARY KEY, [TenantId] INT NOT NULL);
        """;

    private const string CoveringPolicy = """
        CREATE SECURITY POLICY [Security].[CoveredPolicy]
            ADD FILTER PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Covered],
            ADD BLOCK PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Covered] AFTER INSERT,
            ADD BLOCK PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Covered] BEFORE UPDATE,
            ADD BLOCK PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Covered] AFTER UPDATE,
            ADD BLOCK PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Covered] BEFORE DELETE
        WITH (STATE = ON, SCHEMABINDING = ON);
        """;

    [Fact]
    public void BuiltModel_HasNoViolation_WithTheCommittedAllowList()
    {
        var violations = RowLevelSecurityGuard.FindViolations(BuiltModel.Model, GlobalTableAllowList.Load(GlobalTableAllowList.DefaultPath));

        Assert.True(violations.Count == 0, "Row-level security guard:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Guard_Passes_WhenEveryTenantTableIsCovered()
    {
        var model = ThrowawayModel.Build(Schemas, TenantPredicate, CoveredTable, CoveringPolicy);

        Assert.Empty(RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Empty));
    }

    [Fact]
    public void Guard_Fails_WhenATenantTableHasNoPolicy()
    {
        var model = ThrowawayModel.Build(
            Schemas, TenantPredicate, CoveredTable, CoveringPolicy,
            "CREATE TABLE [App].[Uncovered] ([Id] INT NOT NULL CONSTRAINT [PK_App_Uncovered] PRIMARY KEY, [TenantId] INT NOT NULL);");

        var violations = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Empty);

        Assert.Contains(violations, v => v.Contains("[App].[Uncovered] has no FILTER predicate", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("[App].[Uncovered] has no BLOCK predicate on TenantId for AFTER INSERT", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("[App].[Uncovered] has no BLOCK predicate on TenantId for BEFORE DELETE", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.Contains("[App].[Covered]", StringComparison.Ordinal));
    }

    [Fact]
    public void Guard_Fails_WhenATenantTableHasOnlyAFilterPredicate()
    {
        var model = ThrowawayModel.Build(
            Schemas, TenantPredicate, CoveredTable,
            """
            CREATE SECURITY POLICY [Security].[FilterOnlyPolicy]
                ADD FILTER PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Covered]
            WITH (STATE = ON, SCHEMABINDING = ON);
            """);

        var violations = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Empty);

        Assert.Equal(4, violations.Count(v => v.Contains("[App].[Covered] has no BLOCK predicate", StringComparison.Ordinal)));
        Assert.DoesNotContain(violations, v => v.Contains("FILTER", StringComparison.Ordinal));
    }

    [Fact]
    public void Guard_Fails_WhenThePredicateDoesNotReadTheTenantColumn()
    {
        var model = ThrowawayModel.Build(
            Schemas, TenantPredicate, CoveredTable,
            """
            CREATE SECURITY POLICY [Security].[WrongColumnPolicy]
                ADD FILTER PREDICATE [Security].[fn_TenantAccessPredicate]([Id]) ON [App].[Covered],
                ADD BLOCK PREDICATE [Security].[fn_TenantAccessPredicate]([Id]) ON [App].[Covered]
            WITH (STATE = ON, SCHEMABINDING = ON);
            """);

        var violations = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Empty);

        Assert.Contains(violations, v => v.Contains("[App].[Covered] has no FILTER predicate on TenantId", StringComparison.Ordinal));
    }

    [Fact]
    public void Guard_Passes_WhenABlockPredicateCoversEveryOperation()
    {
        var model = ThrowawayModel.Build(
            Schemas, TenantPredicate, CoveredTable,
            """
            CREATE SECURITY POLICY [Security].[AllOperationsPolicy]
                ADD FILTER PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Covered],
                ADD BLOCK PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Covered]
            WITH (STATE = ON, SCHEMABINDING = ON);
            """);

        Assert.Empty(RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Empty));
    }

    [Fact]
    public void Guard_Fails_WhenThePolicyIsDisabled()
    {
        var model = ThrowawayModel.Build(
            Schemas, TenantPredicate, CoveredTable,
            CoveringPolicy.Replace("STATE = ON", "STATE = OFF", StringComparison.Ordinal));

        var violations = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Empty);

        Assert.Contains(violations, v => v.Contains("[Security].[CoveredPolicy] is not enabled", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("[App].[Covered] has no FILTER predicate", StringComparison.Ordinal));
    }

    [Fact]
    public void Guard_Fails_WhenThePredicateFunctionIsNotSchemaBound()
    {
        var model = ThrowawayModel.Build(
            Schemas, CoveredTable,
            TenantPredicate.Replace("WITH SCHEMABINDING", string.Empty, StringComparison.Ordinal),
            CoveringPolicy.Replace("SCHEMABINDING = ON", "SCHEMABINDING = OFF", StringComparison.Ordinal));

        var violations = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Empty);

        Assert.Contains(violations, v => v.Contains("[Security].[fn_TenantAccessPredicate], used by a security predicate, is not created WITH SCHEMABINDING", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("[Security].[CoveredPolicy] is not schema-bound", StringComparison.Ordinal));
    }

    [Fact]
    public void Guard_Fails_WhenAPredicateCallsAFunctionThatIsNotSchemaBound()
    {
        var model = ThrowawayModel.Build(
            Schemas, CoveredTable,
            """
            CREATE FUNCTION [Security].[fn_Helper]()
            RETURNS TABLE
            AS
            RETURN SELECT TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT) AS [TenantId];
            """,
            """
            CREATE FUNCTION [Security].[fn_TenantAccessPredicate](@TenantId INT)
            RETURNS TABLE
            AS
            RETURN SELECT 1 AS [AccessResult] FROM [Security].[fn_Helper]() AS [h] WHERE [h].[TenantId] = @TenantId;
            """,
            CoveringPolicy.Replace("SCHEMABINDING = ON", "SCHEMABINDING = OFF", StringComparison.Ordinal));

        var violations = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Empty);

        Assert.Contains(violations, v => v.Contains("[Security].[fn_Helper], used by a security predicate, is not created WITH SCHEMABINDING", StringComparison.Ordinal));
    }

    [Fact]
    public void Guard_Fails_WhenThePredicateFunctionIsMultiStatement()
    {
        var model = ThrowawayModel.Build(
            Schemas, CoveredTable,
            """
            CREATE FUNCTION [Security].[fn_TenantAccessPredicate](@TenantId INT)
            RETURNS @Result TABLE ([AccessResult] INT NOT NULL)
            WITH SCHEMABINDING
            AS
            BEGIN
                IF @TenantId = TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT)
                    INSERT INTO @Result ([AccessResult]) VALUES (1);
                RETURN;
            END;
            """,
            CoveringPolicy);

        var violations = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Empty);

        Assert.Contains(violations, v => v.Contains("[Security].[fn_TenantAccessPredicate], used by a security predicate, is not an inline table-valued function", StringComparison.Ordinal));
    }

    [Fact]
    public void Guard_Fails_WhenAGlobalTableIsNotOnTheAllowList()
    {
        var model = ThrowawayModel.Build(
            Schemas, TenantPredicate, CoveredTable, CoveringPolicy,
            "CREATE TABLE [App].[Settings] ([Name] NVARCHAR(50) NOT NULL CONSTRAINT [PK_App_Settings] PRIMARY KEY);");

        var unlisted = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Empty);
        var listed = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Of(("App.Settings", "Product-wide settings, no tenant data.")));

        Assert.Contains(unlisted, v => v.Contains("[App].[Settings] has no TenantId column and is not on the global-table allow-list", StringComparison.Ordinal));
        Assert.Empty(listed);
    }

    [Fact]
    public void Guard_Fails_WhenTheAllowListNamesATenantTableOrAMissingTable()
    {
        var model = ThrowawayModel.Build(Schemas, TenantPredicate, CoveredTable, CoveringPolicy);
        var allowList = GlobalTableAllowList.Of(("App.Covered", "wrongly listed"), ("App.Gone", "dropped long ago"));

        var violations = RowLevelSecurityGuard.FindViolations(model, allowList);

        Assert.Contains(violations, v => v.Contains("[App].[Covered] is on the global-table allow-list but has a TenantId column", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("names App.Gone, which is not a table of the model", StringComparison.Ordinal));
    }

    [Fact]
    public void Guard_Fails_WhenOnePolicyCoversTwoTenantTables()
    {
        var model = ThrowawayModel.Build(
            Schemas, TenantPredicate, CoveredTable,
            "CREATE TABLE [App].[Other] ([Id] INT NOT NULL CONSTRAINT [PK_App_Other] PRIMARY KEY, [TenantId] INT NOT NULL);",
            CoveringPolicy.Replace(
                "WITH (STATE = ON",
                """
                ,
                    ADD FILTER PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Other],
                    ADD BLOCK PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[Other]
                WITH (STATE = ON
                """,
                StringComparison.Ordinal));

        var violations = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Empty);

        Assert.Contains(violations, v => v.Contains("[Security].[CoveredPolicy] covers 2 tenant tables (App.Covered, App.Other)", StringComparison.Ordinal));
    }

    [Fact]
    public void Guard_Passes_WhenAPolicyCoversATenantTableWithItsHistoryAndGlobalTables()
    {
        var model = ThrowawayModel.Build(
            Schemas, TenantPredicate,
            """
            CREATE TABLE [App].[CoveredHistory] ([Id] INT NOT NULL, [TenantId] INT NOT NULL, [ValidFrom] DATETIME2 NOT NULL, [ValidTo] DATETIME2 NOT NULL);
            """,
            """
            CREATE TABLE [App].[Covered] (
                [Id] INT NOT NULL CONSTRAINT [PK_App_Covered] PRIMARY KEY, [TenantId] INT NOT NULL,
                [ValidFrom] DATETIME2 GENERATED ALWAYS AS ROW START NOT NULL, [ValidTo] DATETIME2 GENERATED ALWAYS AS ROW END NOT NULL,
                PERIOD FOR SYSTEM_TIME ([ValidFrom], [ValidTo]))
            WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [App].[CoveredHistory]));
            """,
            "CREATE TABLE [App].[Settings] ([Name] NVARCHAR(50) NOT NULL CONSTRAINT [PK_App_Settings] PRIMARY KEY);",
            """
            CREATE FUNCTION [Security].[fn_Always]()
            RETURNS TABLE
            WITH SCHEMABINDING
            AS
            RETURN SELECT 1 AS [AccessResult];
            """,
            CoveringPolicy.Replace(
                "WITH (STATE = ON",
                """
                ,
                    ADD FILTER PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [App].[CoveredHistory],
                    ADD BLOCK PREDICATE [Security].[fn_Always]() ON [App].[Settings]
                WITH (STATE = ON
                """,
                StringComparison.Ordinal));

        var violations = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Of(("App.Settings", "Product-wide settings, no tenant data.")));

        Assert.Empty(violations);
    }

    [Fact]
    public void Guard_Fails_WhenAPredicateReadsATableThatAFilterCovers()
    {
        var model = ThrowawayModel.Build(
            Schemas, CoveredTable,
            "CREATE TABLE [App].[Grants] ([Id] INT NOT NULL CONSTRAINT [PK_App_Grants] PRIMARY KEY, [Code] VARCHAR(20) NOT NULL);",
            """
            CREATE FUNCTION [Security].[fn_GrantVisible]()
            RETURNS TABLE
            WITH SCHEMABINDING
            AS
            RETURN SELECT 1 AS [AccessResult] WHERE SESSION_CONTEXT(N'Foundation.Grants') IS NOT NULL;
            """,
            """
            CREATE FUNCTION [Security].[fn_TenantAccessPredicate](@TenantId INT)
            RETURNS TABLE
            WITH SCHEMABINDING
            AS
            RETURN SELECT 1 AS [AccessResult]
            WHERE @TenantId = TRY_CAST(SESSION_CONTEXT(N'Foundation.TenantId') AS INT)
                AND NOT EXISTS (SELECT 1 FROM [App].[Grants] WHERE [Code] = 'forbidden');
            """,
            CoveringPolicy,
            """
            CREATE SECURITY POLICY [Security].[GrantsPolicy]
                ADD FILTER PREDICATE [Security].[fn_GrantVisible]() ON [App].[Grants]
            WITH (STATE = ON, SCHEMABINDING = ON);
            """);

        var violations = RowLevelSecurityGuard.FindViolations(model, GlobalTableAllowList.Of(("App.Grants", "Test catalogue without tenant data.")));

        Assert.Contains(violations, v => v.Contains("[Security].[fn_TenantAccessPredicate], used by a security predicate, reads [App].[Grants], which a FILTER predicate covers", StringComparison.Ordinal));
    }

    [Fact]
    public void AllowList_GivesEveryCommittedEntryAReason()
    {
        var allowList = GlobalTableAllowList.Load(GlobalTableAllowList.DefaultPath);

        Assert.NotEmpty(allowList.Reasons);
        Assert.All(allowList.Reasons, entry => Assert.True(entry.Value.Length >= 20, $"The reason for {entry.Key} is too short to review: '{entry.Value}'."));
    }
}
