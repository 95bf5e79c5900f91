using System.Text.Json;
using System.Xml.Linq;
using Foundation.Database.Tests.Infrastructure;

namespace Foundation.Database.Tests.Build;

/// <summary>
/// The glue builds an SSDT project that is not Foundation's, anywhere on disk, with Microsoft.Build.Sql's defaults:
/// a warehouse database of another shape (three schemas, SQL Server 2019, pre- and post-deployment scripts with nested
/// :r includes that would break the model if they were built, SQLCMD variables, an ad-hoc None script), written without
/// a single Build Remove line and without Foundation's Directory.*.props.
/// </summary>
public sealed class StandaloneProjectTests
{
    private const string Body = """
          <PropertyGroup>
            <DSP>Microsoft.Data.Tools.Schema.Sql.Sql150DatabaseSchemaProvider</DSP>
            <TreatTSqlWarningsAsErrors>true</TreatTSqlWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PreDeploy Include="Scripts/Script.PreDeployment.sql" />
            <PostDeploy Include="Scripts/Script.PostDeployment.sql" />
            <None Include="Adhoc/**" />
            <SqlCmdVariable Include="Environment"><DefaultValue>dev</DefaultValue><Value>$(SqlCmdVar__1)</Value></SqlCmdVariable>
          </ItemGroup>
        """;

    [Fact]
    public async Task Build_BuildsTheModelAndTheDeploymentScripts_OfAProjectOfAnotherShape()
    {
        // Arrange
        using var project = Warehouse();

        // Act
        var result = await project.BuildAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.True(result.Succeeded, result.Output);
        Assert.DoesNotContain(Path.Combine(RepositoryPaths.Root, ""), project.Directory, StringComparison.Ordinal);
        var model = project.ReadDacpacEntry("model.xml")!;
        Assert.Contains("DspName=\"Microsoft.Data.Tools.Schema.Sql.Sql150DatabaseSchemaProvider\"", model, StringComparison.Ordinal);
        foreach (var name in new[] { "[Sales].[Orders]", "[Inventory].[Warehouses]", "[Reporting].[OrdersByWarehouse]", "[Sales].[usp_PlaceOrder]" })
        {
            Assert.Contains($"Name=\"{name}\"", model, StringComparison.Ordinal);
        }

        var preDeployment = project.ReadDacpacEntry("predeploy.sql")!;
        Assert.Contains("Checking the $(Environment) warehouse", preDeployment, StringComparison.Ordinal);
        Assert.Contains("warehouse banner", preDeployment, StringComparison.Ordinal);
        Assert.Contains("MERGE INTO [Inventory].[Warehouses]", project.ReadDacpacEntry("postdeploy.sql"), StringComparison.Ordinal);
        Assert.DoesNotContain("DELETE FROM [Sales].[Orders]", model + preDeployment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_DefaultsTheDacFxVersionInTheGlue_AndReferencesNoAssembly()
    {
        // Arrange
        using var project = Warehouse();
        var token = TestContext.Current.CancellationToken;
        var restore = await project.RunAsync("restore", token);
        var glueVersion = XDocument.Load(Path.Combine(RepositoryPaths.Root, "tools", "Foundation.Build.Sql", "Sdk", "DacFx.props"))
            .Descendants("FoundationDacFxVersion").Single().Value;

        // Act
        var evaluation = await DotnetCommand.RunAsync(
            project.Directory,
            ["msbuild", project.ProjectFile, "-t:ResolveReferences", "-getProperty:FoundationDacFxVersion", "-getItem:ReferencePath"],
            token);
        var overridden = await DotnetCommand.RunAsync(
            project.Directory,
            ["msbuild", project.ProjectFile, "-p:FoundationDacFxVersion=170.1.2", "-getProperty:FoundationSqlTasksTargets"],
            token);

        // Assert
        Assert.True(restore.Succeeded, restore.Output);
        Assert.True(evaluation.Succeeded, evaluation.Output);
        var json = JsonDocument.Parse(evaluation.Output).RootElement;
        Assert.Equal(glueVersion, json.GetProperty("Properties").GetProperty("FoundationDacFxVersion").GetString());
        Assert.Equal(0, json.GetProperty("Items").GetProperty("ReferencePath").GetArrayLength());
        Assert.Contains("/microsoft.sqlserver.dacfx/170.1.2/", overridden.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_FailsNamingTheFile_WhenABuildItemIsListedTwice()
    {
        // Arrange: a hand-written Build item on top of the default glob.
        using var project = Warehouse(Body + """
              <ItemGroup>
                <Build Include="Sales/Tables/Orders.sql" />
              </ItemGroup>
            """);

        // Act
        var result = await project.BuildAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.False(result.Succeeded, result.Output);
        Assert.Matches(@"error NETSDK1022: Duplicate 'Build' items were included.*Sales/Tables/Orders\.sql", result.Output);
    }

    [Fact]
    public async Task Build_FailsNamingTheVersionAndProperty_WhenTheDacFxVersionIsNotInstalled()
    {
        // Arrange: restored with the glue's version, then built with one that is not in the package folder.
        using var project = Warehouse();
        var token = TestContext.Current.CancellationToken;
        var restore = await project.RunAsync("restore", token);

        // Act
        var result = await project.BuildAsync(token, "--no-restore", "-p:FoundationDacFxVersion=0.0.1-missing");

        // Assert
        Assert.True(restore.Succeeded, restore.Output);
        Assert.False(result.Succeeded, result.Output);
        Assert.Contains("Microsoft.SqlServer.DacFx 0.0.1-missing (FoundationDacFxVersion) has no SSDT targets", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(project.Dacpac));
    }

    private static ScratchSqlProject Warehouse(string body = Body)
    {
        var project = new ScratchSqlProject("Warehouse", body);
        foreach (var schema in new[] { "Sales", "Inventory", "Reporting" })
        {
            project.AddFile($"{schema}/{schema}.sql", $"CREATE SCHEMA [{schema}] AUTHORIZATION [dbo];\n");
        }

        project.AddFile("Inventory/Tables/Warehouses.sql", """
            CREATE TABLE [Inventory].[Warehouses]
            (
                [WarehouseId] INT NOT NULL,
                [Code] VARCHAR(10) NOT NULL,
                CONSTRAINT [PK_Inventory_Warehouses] PRIMARY KEY ([WarehouseId]),
                CONSTRAINT [UQ_Inventory_Warehouses_Code] UNIQUE ([Code])
            );
            """);
        project.AddFile("Sales/Tables/Orders.sql", """
            CREATE TABLE [Sales].[Orders]
            (
                [OrderId] BIGINT NOT NULL,
                [WarehouseId] INT NOT NULL,
                [Quantity] INT NOT NULL,
                CONSTRAINT [PK_Sales_Orders] PRIMARY KEY ([OrderId]),
                CONSTRAINT [FK_Sales_Orders_WarehouseId_Inventory_Warehouses] FOREIGN KEY ([WarehouseId]) REFERENCES [Inventory].[Warehouses] ([WarehouseId])
            );
            """);
        project.AddFile("Sales/Stored Procedures/usp_PlaceOrder.sql", """
            CREATE PROCEDURE [Sales].[usp_PlaceOrder] @OrderId BIGINT, @WarehouseId INT, @Quantity INT
            AS
            BEGIN
                SET NOCOUNT ON;
                INSERT INTO [Sales].[Orders] ([OrderId], [WarehouseId], [Quantity]) VALUES (@OrderId, @WarehouseId, @Quantity);
            END;
            """);
        project.AddFile("Reporting/Views/OrdersByWarehouse.sql", """
            CREATE VIEW [Reporting].[OrdersByWarehouse]
            AS
            SELECT [w].[Code], COUNT_BIG(*) AS [Orders]
            FROM [Sales].[Orders] AS [o]
            INNER JOIN [Inventory].[Warehouses] AS [w] ON [w].[WarehouseId] = [o].[WarehouseId]
            GROUP BY [w].[Code];
            """);

        // Deployment scripts: imperative statements that are errors (SQL70001) wherever the glue let them into the model.
        project.AddFile("Scripts/Script.PreDeployment.sql", ":r .\\Checks\\EnvironmentCheck.sql\n");
        project.AddFile("Scripts/Checks/EnvironmentCheck.sql", "PRINT N'Checking the $(Environment) warehouse';\n:r .\\Shared\\Banner.sql\n");
        project.AddFile("Scripts/Checks/Shared/Banner.sql", "PRINT N'warehouse banner';\n");
        project.AddFile("Scripts/Script.PostDeployment.sql", ":r .\\Seeds\\Warehouses.sql\n");
        project.AddFile("Scripts/Seeds/Warehouses.sql", """
            MERGE INTO [Inventory].[Warehouses] AS [target]
            USING (VALUES (1, 'MAIN')) AS [source] ([WarehouseId], [Code])
            ON [target].[WarehouseId] = [source].[WarehouseId]
            WHEN NOT MATCHED THEN INSERT ([WarehouseId], [Code]) VALUES ([source].[WarehouseId], [source].[Code]);
            """);
        project.AddFile("Adhoc/Cleanup.sql", "DELETE FROM [Sales].[Orders];\n");
        return project;
    }
}
