using Foundation.Database.Tests.Infrastructure;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Security;

/// <summary>
/// Post-deployment step 070 signs every procedure of the Monitoring schema, and the signature carries VIEW DATABASE
/// PERFORMANCE STATE, VIEW DEFINITION on the data schemas and (through tools/sql/server/040) VIEW SERVER PERFORMANCE
/// STATE into whatever the procedure runs, dynamic SQL included. So none of them may build SQL at run time: a parameter
/// spliced into such a statement would run with those permissions for any member of FoundationMonitoring.
/// </summary>
public sealed class SignedModuleTests
{
    [Fact]
    public void SignedMonitoringProcedures_RunNoDynamicSql()
    {
        var procedures = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, Procedure.TypeClass)
            .Where(p => p.Name.Parts[0] == "Monitoring")
            .ToList();

        var dynamic = procedures
            .SelectMany(p => DynamicSqlCalls.In(p.GetScript()).Select(call => $"{p.Name}: {call}"))
            .ToList();

        Assert.NotEmpty(procedures);
        Assert.True(dynamic.Count == 0, string.Join("\n", dynamic));
    }

    [Theory]
    [InlineData("CREATE PROCEDURE [Monitoring].[usp_X] @Table SYSNAME AS EXEC (N'SELECT * FROM ' + @Table);")]
    [InlineData("CREATE PROCEDURE [Monitoring].[usp_X] @Sql NVARCHAR(MAX) AS EXECUTE [sys].[sp_executesql] @Sql;")]
    [InlineData("CREATE PROCEDURE [Monitoring].[usp_X] @Sql NVARCHAR(MAX) AS EXEC sp_executesql @Sql;")]
    [InlineData("CREATE PROCEDURE [Monitoring].[usp_X] @Proc NVARCHAR(400) AS EXECUTE @Proc;")]
    public void DynamicSqlCalls_FindDynamicSql_InABrokenProcedure(string procedure)
    {
        Assert.Single(DynamicSqlCalls.In(procedure));
    }

    [Fact]
    public void DynamicSqlCalls_AcceptAStaticProcedureCall()
    {
        Assert.Empty(DynamicSqlCalls.In("CREATE PROCEDURE [Monitoring].[usp_X] AS EXECUTE [Monitoring].[usp_GetIndexUsage];"));
    }
}
