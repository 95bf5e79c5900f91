using System.Reflection;
using System.Text.RegularExpressions;
using Foundation.Database.Tests.Deployment.Rehearsal;
using Foundation.Database.Tests.Infrastructure;
using Foundation.Deploy.Planning;
using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace Foundation.Database.Tests.Deployment;

/// <summary>
/// The options the deployment guarantees rest on: set in every publish profile (so a plain SqlPackage deployment has
/// them), forced by the tool whatever a profile says, and the same in the profiles that should be the same.
/// </summary>
public sealed class DeploymentOptionsTests
{
    public static TheoryData<string> Profiles() => ["Local", "Production", "Test"];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Profile_SetsTheSafetyOptions(string name)
    {
        var options = RehearsalFixture.ReadProfile(name).DeployOptions;

        Assert.True(options.IncludeTransactionalScripts, "IncludeTransactionalScripts");
        Assert.False(options.ScriptDatabaseOptions, "ScriptDatabaseOptions");
        Assert.False(options.ScriptNewConstraintValidation, "ScriptNewConstraintValidation");
        Assert.False(options.AllowUnsafeRowLevelSecurityDataMovement, "AllowUnsafeRowLevelSecurityDataMovement");
        Assert.True(options.BlockOnPossibleDataLoss, "BlockOnPossibleDataLoss");
        Assert.Contains(ObjectType.DatabaseAuditSpecifications, options.DoNotDropObjectTypes);
    }

    [Fact]
    public void EffectiveOptions_ForceTheSafetyOptions_WhateverTheProfileSays()
    {
        var careless = new DacDeployOptions
        {
            IncludeTransactionalScripts = false, ScriptDatabaseOptions = true, ScriptNewConstraintValidation = true,
            BlockOnPossibleDataLoss = true, AllowUnsafeRowLevelSecurityDataMovement = false, DropObjectsNotInSource = false, DoNotDropObjectTypes = [],
        };

        var deploy = EffectiveDeployOptions.For(careless, DeploymentDirection.Deploy);
        var rollback = EffectiveDeployOptions.For(careless, DeploymentDirection.Rollback);

        Assert.True(deploy.IncludeTransactionalScripts);
        Assert.False(deploy.ScriptDatabaseOptions);
        Assert.False(deploy.ScriptNewConstraintValidation);
        Assert.False(deploy.BlockOnPossibleDataLoss);
        Assert.True(deploy.AllowUnsafeRowLevelSecurityDataMovement);
        Assert.Contains(ObjectType.DatabaseAuditSpecifications, deploy.DoNotDropObjectTypes);
        Assert.False(deploy.DropObjectsNotInSource);
        Assert.True(rollback.DropObjectsNotInSource);
        Assert.False(careless.IncludeTransactionalScripts);
    }

    [Fact]
    public void TestProfile_DeploysExactlyAsProduction_AndLocalDiffersOnlyInDroppingObjectsNotInSource()
    {
        var production = Comparable(RehearsalFixture.ReadProfile("Production").DeployOptions);
        var test = Comparable(RehearsalFixture.ReadProfile("Test").DeployOptions);
        var local = Comparable(RehearsalFixture.ReadProfile("Local").DeployOptions);

        Assert.Equal(production, test);
        Assert.Equal(
            ["DropObjectsNotInSource"],
            production.Keys.Where(k => production[k] != local[k]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void QueryStoreStep_SetsTheValuesTheModelDeclares()
    {
        var script = File.ReadAllText(Path.Combine(DeploymentScriptSources.ScriptsDirectory, "PostDeployment", "920-Deploy-DatabaseOptions.sql"));
        var options = BuiltModel.Model.GetObjects(DacQueryScopes.UserDefined, DatabaseOptions.TypeClass).Single();

        Assert.Equal(options.GetProperty<int>(DatabaseOptions.QueryStoreMaxStorageSize), Setting(script, "MAX_STORAGE_SIZE_MB"));
        Assert.Equal(options.GetProperty<int>(DatabaseOptions.QueryStoreStaleQueryThreshold), Setting(script, "STALE_QUERY_THRESHOLD_DAYS"));
        Assert.Equal(options.GetProperty<int>(DatabaseOptions.QueryStoreIntervalLength), Setting(script, "INTERVAL_LENGTH_MINUTES"));
        Assert.Equal(options.GetProperty<int>(DatabaseOptions.QueryStoreFlushInterval), Setting(script, "DATA_FLUSH_INTERVAL_SECONDS"));
        Assert.Equal(options.GetProperty<int>(DatabaseOptions.QueryStoreMaxPlansPerQuery), Setting(script, "MAX_PLANS_PER_QUERY"));
        Assert.Contains("OPERATION_MODE = READ_WRITE", script, StringComparison.Ordinal);
        Assert.Contains("QUERY_CAPTURE_MODE = AUTO", script, StringComparison.Ordinal);
    }

    /// <summary>Each option that changes what DacFx deploys (not where backups go), as text.</summary>
    private static Dictionary<string, string> Comparable(DacDeployOptions options) => typeof(DacDeployOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name is not "SqlCommandVariableValues" and not "BackupDatabaseBeforeChanges")
        .ToDictionary(p => p.Name, p => p.GetValue(options) is System.Collections.IEnumerable e and not string ? string.Join(",", e.Cast<object>().Order()) : Convert.ToString(p.GetValue(options), System.Globalization.CultureInfo.InvariantCulture) ?? "null", StringComparer.Ordinal);

    /// <summary>The value the step sets and also compares (it appears once in the comparison, once in the ALTER).</summary>
    private static int Setting(string script, string name)
    {
        var set = Regex.Match(script, name + @"\s*=\s*(\d+)");
        Assert.True(set.Success, name + " is not set");
        return int.Parse(set.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
