using System.Globalization;
using System.Text;

namespace Foundation.Bench;

/// <summary>
/// Generates a multi-tenant schema of N tables shaped like Foundation's (house style, one object per file):
/// every table has a named clustered PK, a TenantId column with an FK to [Synthetic].[Tenants] whose supporting
/// unique key leads with TenantId (so it also serves the RLS predicate), a parent FK with its own supporting index
/// (chains of ten tables), CHECK constraints and defaults; every tenth table is system-versioned into a history table
/// of its own in [SyntheticHistory]; one inline predicate function, and row-level security as Foundation lays it out
/// for new tables (README, "Adding a table"): one security policy per table, [Security].[&lt;Table&gt;Policy], with FILTER and
/// BLOCK predicates on the table and a FILTER predicate on its history table; a view and a procedure for every 25th table.
/// <see cref="PolicyLayout.OneForAll"/> puts every predicate into one policy instead (the layout whose plans grow
/// super-linearly; docs/performance.md). Version 2 changes <see cref="ChangedShare"/> of the tables (a new nullable
/// column and a new index), so that a plan between version 1 and 2 is the plan of an ordinary release.
/// </summary>
public static class SyntheticSchemaGenerator
{
    public const string SchemaName = "Synthetic";
    public const string HistorySchemaName = "SyntheticHistory";
    public const int HistoryEvery = 10;
    public const double ChangedShare = 0.05;
    private const int ChainLength = 10;
    private const int CodeObjectEvery = 25;

    public static SyntheticSchema Generate(int tableCount, int version = 1, PolicyLayout layout = PolicyLayout.PerTable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tableCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, 2);

        var files = new List<KeyValuePair<string, string>>
        {
            File($"{SchemaName}/{SchemaName}.sql", $"CREATE SCHEMA [{SchemaName}] AUTHORIZATION [dbo];\n"),
            File($"{HistorySchemaName}/{HistorySchemaName}.sql", $"CREATE SCHEMA [{HistorySchemaName}] AUTHORIZATION [dbo];\n"),
            File("Security/Security.sql", "CREATE SCHEMA [Security] AUTHORIZATION [dbo];\n"),
            File($"{SchemaName}/Tables/Tenants.sql", TenantsTable()),
            File("Security/Functions/fn_TenantAccessPredicate.sql", PredicateFunction()),
        };

        var tables = Enumerable.Range(1, tableCount).Select(TableName).ToList();
        var changed = version == 2 ? ChangedTableNumbers(tableCount).Select(TableName).ToList() : [];
        var changedSet = changed.ToHashSet(StringComparer.Ordinal);

        for (var number = 1; number <= tableCount; number++)
        {
            var name = TableName(number);
            var isChanged = changedSet.Contains(name);
            files.Add(File($"{SchemaName}/Tables/{name}.sql", Table(number, isChanged)));
            if (HasHistory(number))
            {
                files.Add(File($"{HistorySchemaName}/Tables/{name}.sql", HistoryTable(name, isChanged)));
            }

            if (layout == PolicyLayout.PerTable)
            {
                files.Add(File($"Security/SecurityPolicies/{name}Policy.sql", Policy($"{name}Policy", [number])));
            }
            if (number % CodeObjectEvery == 0)
            {
                files.Add(File($"{SchemaName}/Views/vw_{name}Active.sql", View(name)));
                files.Add(File($"{SchemaName}/StoredProcedures/usp_Get{name}ByCode.sql", Procedure(name)));
            }
        }

        var policies = layout == PolicyLayout.PerTable
            ? tables.Select(t => $"[Security].[{t}Policy]").ToList()
            : tableCount > 0 ? ["[Security].[TenantIsolationPolicy]"] : [];
        if (layout == PolicyLayout.OneForAll && tableCount > 0)
        {
            files.Add(File("Security/SecurityPolicies/TenantIsolationPolicy.sql", Policy("TenantIsolationPolicy", Enumerable.Range(1, tableCount))));
        }

        return new SyntheticSchema(tableCount, version, layout, files, tables, changed, policies, "[Security].[fn_TenantAccessPredicate]");
    }

    /// <summary>Whether table <paramref name="number"/> is system-versioned (every tenth, starting at the seventh: so every table version 2 changes is one).</summary>
    public static bool HasHistory(int number) => number % HistoryEvery == 7;

    /// <summary>Which tables version 2 changes: every 20th, starting at the 7th, and at least one when there are any.</summary>
    public static IReadOnlyList<int> ChangedTableNumbers(int tableCount)
    {
        var every = (int)Math.Round(1 / ChangedShare);
        var numbers = Enumerable.Range(1, tableCount).Where(n => n % every == 7 % every).ToList();
        if (numbers.Count == 0 && tableCount > 0)
        {
            numbers.Add(1);
        }

        return numbers;
    }

    public static string TableName(int number) => "Table" + number.ToString("D4", CultureInfo.InvariantCulture);

    private static KeyValuePair<string, string> File(string path, string text) => new(path, text);

    private static string TenantsTable() =>
        $"""
        CREATE TABLE [{SchemaName}].[Tenants]
        (
            [TenantId] INT IDENTITY(1, 1) NOT NULL,
            [Slug] NVARCHAR(63) NOT NULL,
            [Status] VARCHAR(20) NOT NULL CONSTRAINT [DF_{SchemaName}_Tenants_Status] DEFAULT ('Active'),
            [CreatedAt] DATETIME2(7) NOT NULL CONSTRAINT [DF_{SchemaName}_Tenants_CreatedAt] DEFAULT (SYSUTCDATETIME()),
            CONSTRAINT [PK_{SchemaName}_Tenants] PRIMARY KEY CLUSTERED ([TenantId]),
            CONSTRAINT [UQ_{SchemaName}_Tenants_Slug] UNIQUE ([Slug]),
            CONSTRAINT [CK_{SchemaName}_Tenants_Status_Is_Known] CHECK ([Status] IN ('Active', 'Suspended', 'Deactivated'))
        );

        """;

    private static string PredicateFunction() =>
        """
        CREATE FUNCTION [Security].[fn_TenantAccessPredicate] (@TenantId INT)
        RETURNS TABLE
        WITH SCHEMABINDING
        AS
        RETURN
            SELECT 1 AS [AccessResult]
            WHERE @TenantId = CAST(SESSION_CONTEXT(N'TenantId') AS INT);

        """;

    private static string Table(int number, bool changed)
    {
        var name = TableName(number);
        var id = $"{name}Id";
        var prefix = $"{SchemaName}_{name}";
        var parent = number % ChainLength == 1 ? null : TableName(number - 1);
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"""
            CREATE TABLE [{SchemaName}].[{name}]
            (
                [{id}] BIGINT IDENTITY(1, 1) NOT NULL,
                [TenantId] INT NOT NULL,

            """);
        if (parent is not null)
        {
            sql.Append(CultureInfo.InvariantCulture, $"    [{parent}Id] BIGINT NULL,\n");
        }

        sql.Append(CultureInfo.InvariantCulture, $"""
                [Code] NVARCHAR(50) NOT NULL,
                [Name] NVARCHAR(200) NOT NULL,
                [Status] VARCHAR(20) NOT NULL CONSTRAINT [DF_{prefix}_Status] DEFAULT ('Active'),
                [Amount] DECIMAL(18, 2) NOT NULL CONSTRAINT [DF_{prefix}_Amount] DEFAULT (0),
                [CreatedAt] DATETIME2(7) NOT NULL CONSTRAINT [DF_{prefix}_CreatedAt] DEFAULT (SYSUTCDATETIME()),
                [UpdatedAt] DATETIME2(7) NULL,

            """);
        var history = HasHistory(number);
        if (history)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                    [ValidFrom] DATETIME2(7) GENERATED ALWAYS AS ROW START NOT NULL CONSTRAINT [DF_{prefix}_ValidFrom] DEFAULT (SYSUTCDATETIME()),
                    [ValidTo] DATETIME2(7) GENERATED ALWAYS AS ROW END HIDDEN NOT NULL CONSTRAINT [DF_{prefix}_ValidTo] DEFAULT (CONVERT(DATETIME2(7), '9999-12-31T23:59:59.9999999', 126)),
                    PERIOD FOR SYSTEM_TIME ([ValidFrom], [ValidTo]),

                """);
        }

        // The release's new column goes last, so that DacFx adds it in place instead of rebuilding the table.
        if (changed)
        {
            sql.Append("    [Notes] NVARCHAR(400) NULL,\n");
        }

        sql.Append(CultureInfo.InvariantCulture, $"""
                CONSTRAINT [PK_{prefix}] PRIMARY KEY CLUSTERED ([{id}]),
                CONSTRAINT [UQ_{prefix}_TenantId_Code] UNIQUE ([TenantId], [Code]),
                CONSTRAINT [FK_{prefix}_TenantId_{SchemaName}_Tenants] FOREIGN KEY ([TenantId]) REFERENCES [{SchemaName}].[Tenants] ([TenantId]),

            """);
        if (parent is not null)
        {
            sql.Append(CultureInfo.InvariantCulture, $"    CONSTRAINT [FK_{prefix}_{parent}Id_{SchemaName}_{parent}] FOREIGN KEY ([{parent}Id]) REFERENCES [{SchemaName}].[{parent}] ([{parent}Id]),\n");
        }

        sql.Append(CultureInfo.InvariantCulture, $"""
                CONSTRAINT [CK_{prefix}_Status_Is_Known] CHECK ([Status] IN ('Active', 'Disabled')),
                CONSTRAINT [CK_{prefix}_Amount_Is_Not_Negative] CHECK ([Amount] >= 0),
                CONSTRAINT [CK_{prefix}_UpdatedAt_Follows_CreatedAt] CHECK ([UpdatedAt] IS NULL OR [UpdatedAt] >= [CreatedAt])
            )

            """);
        sql.Append(history ? $"WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [{HistorySchemaName}].[{name}], DATA_CONSISTENCY_CHECK = ON));\nGO\n" : ";\nGO\n");
        if (parent is not null)
        {
            sql.Append(CultureInfo.InvariantCulture, $"CREATE NONCLUSTERED INDEX [IX_{prefix}_{parent}Id] ON [{SchemaName}].[{name}] ([{parent}Id]);\nGO\n");
        }

        sql.Append(CultureInfo.InvariantCulture, $"CREATE NONCLUSTERED INDEX [IX_{prefix}_TenantId_Status] ON [{SchemaName}].[{name}] ([TenantId], [Status]) INCLUDE ([Name]);\n");
        if (changed)
        {
            sql.Append(CultureInfo.InvariantCulture, $"GO\nCREATE NONCLUSTERED INDEX [IX_{prefix}_TenantId_CreatedAt] ON [{SchemaName}].[{name}] ([TenantId], [CreatedAt]);\n");
        }

        return sql.ToString();
    }

    /// <summary>The history table of a system-versioned table: its columns without constraints, clustered on tenant and period.</summary>
    private static string HistoryTable(string name, bool changed)
    {
        var number = int.Parse(name["Table".Length..], CultureInfo.InvariantCulture);
        var parentColumn = number % ChainLength == 1 ? "" : $"    [{TableName(number - 1)}Id] BIGINT NULL,\n";
        var notes = changed ? ",\n    [Notes] NVARCHAR(400) NULL" : "";
        return $"""
            CREATE TABLE [{HistorySchemaName}].[{name}]
            (
                [{name}Id] BIGINT NOT NULL,
                [TenantId] INT NOT NULL,
            {parentColumn}    [Code] NVARCHAR(50) NOT NULL,
                [Name] NVARCHAR(200) NOT NULL,
                [Status] VARCHAR(20) NOT NULL,
                [Amount] DECIMAL(18, 2) NOT NULL,
                [CreatedAt] DATETIME2(7) NOT NULL,
                [UpdatedAt] DATETIME2(7) NULL,
                [ValidFrom] DATETIME2(7) NOT NULL,
                [ValidTo] DATETIME2(7) NOT NULL{notes}
            );
            GO
            CREATE CLUSTERED INDEX [IX_{HistorySchemaName}_{name}_TenantId_ValidTo_ValidFrom] ON [{HistorySchemaName}].[{name}] ([TenantId], [ValidTo], [ValidFrom]);

            """;
    }

    private static string View(string name) =>
        $"""
        CREATE VIEW [{SchemaName}].[vw_{name}Active]
        AS
        SELECT [{name}Id], [TenantId], [Code], [Name], [Amount]
        FROM [{SchemaName}].[{name}]
        WHERE [Status] = 'Active';

        """;

    private static string Procedure(string name) =>
        $"""
        CREATE PROCEDURE [{SchemaName}].[usp_Get{name}ByCode]
            @TenantId INT,
            @Code NVARCHAR(50)
        AS
        BEGIN
            SET NOCOUNT ON;
            SET XACT_ABORT ON;

            IF @Code IS NULL
                THROW 50100, N'A code is required.', 1;

            SELECT [{name}Id], [Code], [Name], [Status], [Amount], [CreatedAt], [UpdatedAt]
            FROM [{SchemaName}].[{name}]
            WHERE [TenantId] = @TenantId AND [Code] = @Code;
        END;

        """;

    /// <summary>FILTER and BLOCK (AFTER INSERT, AFTER UPDATE) predicates on each table, and FILTER on its history table.</summary>
    private static string Policy(string policyName, IEnumerable<int> tableNumbers)
    {
        var predicates = tableNumbers.SelectMany(number =>
        {
            var table = TableName(number);
            IEnumerable<string> lines =
            [
                $"    ADD FILTER PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [{SchemaName}].[{table}]",
                $"    ADD BLOCK PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [{SchemaName}].[{table}] AFTER INSERT",
                $"    ADD BLOCK PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [{SchemaName}].[{table}] AFTER UPDATE",
            ];
            return HasHistory(number)
                ? lines.Append($"    ADD FILTER PREDICATE [Security].[fn_TenantAccessPredicate]([TenantId]) ON [{HistorySchemaName}].[{table}]")
                : lines;
        });
        return $"CREATE SECURITY POLICY [Security].[{policyName}]\n"
            + string.Join(",\n", predicates)
            + "\nWITH (STATE = ON, SCHEMABINDING = ON);\n";
    }
}
