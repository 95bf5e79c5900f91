using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// The security functions compare INT columns (TenantId) with their bounds; a bound written as an integer constant
/// outside the int range (-2147483648) is decimal, turns the comparison decimal and converts the column.
/// </summary>
public sealed class OutOfIntRangeLiteralTests
{
    [Fact]
    public void SecurityFunctions_HoldNoIntegerConstantOutsideTheIntRange()
    {
        var functions = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, TableValuedFunction.TypeClass, ScalarFunction.TypeClass)
            .Where(f => f.Name.Parts[0] == "Security")
            .ToList();

        var found = functions
            .SelectMany(f => OutOfIntRangeLiterals.In(f.GetScript()).Select(literal => $"{f.Name}: {literal}"))
            .ToList();

        Assert.Contains(functions, f => f.Name.Parts[1] == "fn_TenantAccessPredicate");
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void OutOfIntRangeLiterals_FindTheLowerBoundWrittenOut_InABrokenCopy()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.DatabaseProjectDirectory, "Security", "Functions", "fn_TenantAccessPredicate.sql"));
        var broken = script.Replace("THEN -2147483647 - 1", "THEN -2147483648", StringComparison.Ordinal);

        Assert.NotEqual(script, broken);
        Assert.Equal(["2147483648"], OutOfIntRangeLiterals.In(broken));
        Assert.Empty(OutOfIntRangeLiterals.In(script));
    }
}
