using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Profiles;

/// <summary>A SqlPackage publish profile as this tool uses it: DacFx deploy options plus SQLCMD variable values.</summary>
public sealed record PublishProfile(
    string Path,
    string Name,
    string? TargetDatabaseName,
    string? TargetConnectionString,
    DacDeployOptions DeployOptions,
    IReadOnlyDictionary<string, string> SqlCmdVariables);
