using Foundation.Database.Tests.Deployment.Fixtures;

[assembly: AssemblyFixture(typeof(Foundation.Database.Tests.Deployment.Cli.CliFixtures))]

namespace Foundation.Database.Tests.Deployment.Cli;

/// <summary>
/// Small dacpacs of a made-up database (package name "Fixture", so the tool needs --allow-other-database), built once
/// per test run and shared by the CLI and report tests: cheap to plan, unlike Foundation's own.
/// Items -&lt; Orders (FK, non-identifying) -&lt; OrderLines (FK part of the primary key: identifying).
/// </summary>
public sealed class CliFixtures : IDisposable
{
    public const string Schema = "CREATE SCHEMA [App] AUTHORIZATION [dbo];";

    public const string Items = """
        CREATE TABLE [App].[Items] ([ItemId] INT NOT NULL, [Name] NVARCHAR(200) NOT NULL, [Note] NVARCHAR(400) NULL,
            CONSTRAINT [PK_App_Items] PRIMARY KEY CLUSTERED ([ItemId]), CONSTRAINT [UQ_App_Items_Name] UNIQUE ([Name]));
        """;

    public const string Orders = """
        CREATE TABLE [App].[Orders] ([OrderId] INT NOT NULL, [ItemId] INT NOT NULL, [ParentOrderId] INT NULL, [Total] DECIMAL(18, 2) NOT NULL,
            CONSTRAINT [PK_App_Orders] PRIMARY KEY CLUSTERED ([OrderId]),
            CONSTRAINT [FK_App_Orders_ItemId_App_Items] FOREIGN KEY ([ItemId]) REFERENCES [App].[Items] ([ItemId]),
            CONSTRAINT [FK_App_Orders_ParentOrderId_App_Orders] FOREIGN KEY ([ParentOrderId]) REFERENCES [App].[Orders] ([OrderId]));
        """;

    public const string OrderLines = """
        CREATE TABLE [App].[OrderLines] ([OrderId] INT NOT NULL, [LineNo] INT NOT NULL, [Quantity] INT NOT NULL,
            CONSTRAINT [PK_App_OrderLines] PRIMARY KEY CLUSTERED ([OrderId], [LineNo]),
            CONSTRAINT [FK_App_OrderLines_OrderId_App_Orders] FOREIGN KEY ([OrderId]) REFERENCES [App].[Orders] ([OrderId]));
        """;

    private readonly FixtureDacpacs _dacpacs = new();

    public CliFixtures()
    {
        Base = _dacpacs.Build("base", [Schema, Items, Orders, OrderLines]);
        AddNotNullWithoutDefault = _dacpacs.Build("add-not-null", [Schema, Items.Replace("[Note] NVARCHAR(400) NULL,", "[Note] NVARCHAR(400) NULL, [Priority] INT NOT NULL,", StringComparison.Ordinal), Orders, OrderLines]);
        AddNotNullWithDefault = _dacpacs.Build("add-not-null-default", [Schema, Items.Replace("[Note] NVARCHAR(400) NULL,", "[Note] NVARCHAR(400) NULL, [Priority] INT NOT NULL CONSTRAINT [DF_App_Items_Priority] DEFAULT (0),", StringComparison.Ordinal), Orders, OrderLines]);
        DropColumn = _dacpacs.Build("drop-column", [Schema, Items.Replace(" [Note] NVARCHAR(400) NULL,", string.Empty, StringComparison.Ordinal), Orders, OrderLines]);
        WithVariables = DacpacPatcher.WithDeclaredVariables(Base, Path.Combine(_dacpacs.Directory, "with-variables.dacpac"), "Environment", "TenantBatchSize");
        LookalikeWithVariables = DacpacPatcher.WithPackageName(WithVariables, Path.Combine(_dacpacs.Directory, "lookalike.dacpac"), Foundation.Deploy.Dacpacs.DacpacFile.FoundationName);
        DamagedModel = DacpacPatcher.WithBrokenReference(Base, Path.Combine(_dacpacs.Directory, "damaged-model.dacpac"), "[App].[Items]", "[App].[Itemz]");
    }

    public string Directory => _dacpacs.Directory;

    /// <summary>Items, Orders, OrderLines.</summary>
    public string Base { get; }

    /// <summary>Base + [App].[Items].[Priority] INT NOT NULL with no default.</summary>
    public string AddNotNullWithoutDefault { get; }

    /// <summary>Base + [App].[Items].[Priority] INT NOT NULL DEFAULT (0).</summary>
    public string AddNotNullWithDefault { get; }

    /// <summary>Base without [App].[Items].[Note].</summary>
    public string DropColumn { get; }

    /// <summary>Base declaring the SQLCMD variables Environment and TenantBatchSize.</summary>
    public string WithVariables { get; }

    /// <summary><see cref="WithVariables"/> under Foundation's package name: checked as Foundation's dacpac is, yet cheap to plan.</summary>
    public string LookalikeWithVariables { get; }

    /// <summary>Base whose model names [App].[Items] where its references expect it: it does not load.</summary>
    public string DamagedModel { get; }

    public void Dispose() => _dacpacs.Dispose();
}
