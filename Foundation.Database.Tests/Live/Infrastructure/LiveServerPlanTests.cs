using Foundation.Deploy.Connections;

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>What the live harness decides from the environment alone, including each misconfiguration's message.</summary>
public sealed class LiveServerPlanTests
{
    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData(" off ")]
    public void From_SwitchesTheLiveTestsOff_WhatEverElseIsSet_WhenFoundationLiveIsOff(string value)
    {
        var plan = LiveServerPlan.From(Environment((LiveServerPlan.LiveVariable, value), (LiveServerPlan.ConnectionVariable, "not a connection string")));

        Assert.Equal(new LiveServerPlan(LiveServerSource.SwitchedOff, "live tests switched off: FOUNDATION_LIVE=off"), plan);
    }

    [Fact]
    public void From_RefusesAnUnknownSwitchValue_NamingTheVariableAndTheValuesItTakes()
    {
        var plan = LiveServerPlan.From(Environment((LiveServerPlan.LiveVariable, "false")));

        Assert.Equal(LiveServerSource.Misconfigured, plan.Source);
        Assert.Equal("FOUNDATION_LIVE='false' is not understood: set FOUNDATION_LIVE=off to switch the live tests off, or leave it unset (or on).", plan.Detail);
    }

    [Theory]
    [InlineData("Server=localhost;Encrypt")]
    [InlineData("Srever=localhost;Password=Secret-Pa55")]
    [InlineData("Server=localhost;Encrypt=perhaps;Password=Secret-Pa55")]
    public void From_RefusesAMalformedConnectionString_NamingTheVariable_WithoutEchoingIt(string connection)
    {
        var plan = LiveServerPlan.From(Environment((LiveServerPlan.ConnectionVariable, connection)));

        Assert.Equal(LiveServerSource.Misconfigured, plan.Source);
        Assert.StartsWith("FOUNDATION_SQL_CONNECTION is not a valid SQL Server connection string (", plan.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Pa55", plan.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void From_RefusesAConnectionTheDeploymentToolWouldRefuse_WithThePolicysReason()
    {
        var plan = LiveServerPlan.From(Environment((LiveServerPlan.ConnectionVariable, "Server=sql.example.com;Encrypt=False;Password=Secret-Pa55")));

        Assert.Equal(LiveServerSource.Misconfigured, plan.Source);
        Assert.StartsWith("FOUNDATION_SQL_CONNECTION is refused by Foundation's connection policy: ", plan.Detail, StringComparison.Ordinal);
        Assert.Contains("not encrypted", plan.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Pa55", plan.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("on")]
    public void From_UsesTheNamedServersMasterDatabase_WhenTheConnectionStringIsValid(string? live)
    {
        var plan = LiveServerPlan.From(Environment(
            (LiveServerPlan.LiveVariable, live),
            (LiveServerPlan.ConnectionVariable, "Server=localhost,1433;Initial Catalog=Foundation;Encrypt=True;TrustServerCertificate=True")));

        Assert.Equal(LiveServerSource.ExistingServer, plan.Source);
        Assert.Contains("Initial Catalog=master", plan.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, LiveServerPlan.DefaultImage)]
    [InlineData("mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04", "mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04")]
    public void From_AsksForAContainer_WhenNoConnectionIsConfigured(string? image, string expected)
    {
        var plan = LiveServerPlan.From(Environment((LiveServerPlan.ImageVariable, image)));

        Assert.Equal(new LiveServerPlan(LiveServerSource.Container, expected), plan);
    }

    [Theory]
    [InlineData("172.17.0.1,32768", "172.17.0.1", true)]
    [InlineData("tcp:host.docker.internal,1433", "172.17.0.1; host.docker.internal", true)]
    [InlineData("172.17.0.1,32768", null, false)]
    [InlineData("172.17.0.10,32768", "172.17.0.1", false)]
    [InlineData("sql-prod-01", "sql-prod-01.example.com", false)]
    public void ConnectionPolicy_TreatsAContainerHostAsLocal_OnlyWhenFoundationLocalSqlHostsNamesIt(string dataSource, string? declared, bool expected)
    {
        Assert.Equal(expected, ConnectionPolicy.IsDeclaredLocal(dataSource, declared));
    }

    private static Func<string, string?> Environment(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
