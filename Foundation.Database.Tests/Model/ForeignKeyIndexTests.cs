using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Model;

public sealed class ForeignKeyIndexTests
{
    private const string Parent = """
        CREATE TABLE [dbo].[Parent] ([ParentId] INT NOT NULL, [Code] INT NOT NULL,
            CONSTRAINT [PK_dbo_Parent] PRIMARY KEY ([ParentId]), CONSTRAINT [UQ_dbo_Parent_ParentId_Code] UNIQUE ([ParentId], [Code]));
        """;

    private const string Child = """
        CREATE TABLE [dbo].[Child] ([ChildId] INT NOT NULL, [ParentId] INT NOT NULL, [Code] INT NOT NULL, [Status] INT NOT NULL,
            CONSTRAINT [PK_dbo_Child] PRIMARY KEY ([ChildId]),
            CONSTRAINT [FK_dbo_Child_ParentId_Code_dbo_Parent] FOREIGN KEY ([ParentId], [Code]) REFERENCES [dbo].[Parent] ([ParentId], [Code]));
        """;

    [Fact]
    public void BuiltModel_HasASupportingIndexForEveryForeignKey_WhenBuilt()
    {
        // Act
        var unsupported = ForeignKeyIndexChecker.FindUnsupportedForeignKeys(BuiltModel.Model);

        // Assert
        Assert.Empty(unsupported);
    }

    [Fact]
    public void BuiltModel_HasForeignKeysToCheck_WhenBuilt()
    {
        // Act
        var foreignKeys = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, ForeignKeyConstraint.TypeClass).Count();

        // Assert: the check above must not pass because the model has no foreign key at all.
        Assert.True(foreignKeys >= 8, $"Expected the core schema's foreign keys, found {foreignKeys}.");
    }

    [Fact]
    public void Checker_ReportsTheForeignKey_WhenNoIndexExists()
    {
        // Arrange
        using var model = InMemoryModel(Parent, Child);

        // Act
        var unsupported = ForeignKeyIndexChecker.FindUnsupportedForeignKeys(model);

        // Assert
        Assert.Equal(["[dbo].[FK_dbo_Child_ParentId_Code_dbo_Parent]"], unsupported);
    }

    [Fact]
    public void Checker_ReportsTheForeignKey_WhenTheIndexHasTheColumnsInAnotherOrder()
    {
        // Arrange
        using var model = InMemoryModel(Parent, Child, "CREATE INDEX [IX_dbo_Child_Code_ParentId] ON [dbo].[Child] ([Code], [ParentId]);");

        // Act
        var unsupported = ForeignKeyIndexChecker.FindUnsupportedForeignKeys(model);

        // Assert
        Assert.Single(unsupported);
    }

    [Fact]
    public void Checker_ReportsTheForeignKey_WhenTheOnlyIndexIsFiltered()
    {
        // Arrange
        using var model = InMemoryModel(Parent, Child, "CREATE INDEX [IX_dbo_Child_ParentId_Code] ON [dbo].[Child] ([ParentId], [Code]) WHERE [Status] = 1;");

        // Act
        var unsupported = ForeignKeyIndexChecker.FindUnsupportedForeignKeys(model);

        // Assert
        Assert.Single(unsupported);
    }

    [Fact]
    public void Checker_ReportsTheForeignKey_WhenTheIndexCoversOnlyALeadingPart()
    {
        // Arrange
        using var model = InMemoryModel(Parent, Child, "CREATE INDEX [IX_dbo_Child_ParentId] ON [dbo].[Child] ([ParentId]);");

        // Act
        var unsupported = ForeignKeyIndexChecker.FindUnsupportedForeignKeys(model);

        // Assert
        Assert.Single(unsupported);
    }

    [Fact]
    public void Checker_AcceptsTheForeignKey_WhenAnIndexLeadsWithItsColumns()
    {
        // Arrange
        using var model = InMemoryModel(Parent, Child, "CREATE INDEX [IX_dbo_Child_ParentId_Code_Status] ON [dbo].[Child] ([ParentId], [Code], [Status]);");

        // Act
        var unsupported = ForeignKeyIndexChecker.FindUnsupportedForeignKeys(model);

        // Assert
        Assert.Empty(unsupported);
    }

    [Fact]
    public void Checker_AcceptsTheForeignKey_WhenAUniqueConstraintLeadsWithItsColumns()
    {
        // Arrange
        using var model = InMemoryModel(Parent, Child, "ALTER TABLE [dbo].[Child] ADD CONSTRAINT [UQ_dbo_Child_ParentId_Code_ChildId] UNIQUE ([ParentId], [Code], [ChildId]);");

        // Act
        var unsupported = ForeignKeyIndexChecker.FindUnsupportedForeignKeys(model);

        // Assert
        Assert.Empty(unsupported);
    }

    private static TSqlModel InMemoryModel(params string[] scripts)
    {
        var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        foreach (var script in scripts)
        {
            model.AddObjects(script);
        }

        return model;
    }
}
