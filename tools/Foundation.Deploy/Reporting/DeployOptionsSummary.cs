using System.Globalization;
using System.Reflection;
using Foundation.Deploy.Planning;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Reporting;

/// <summary>
/// The deploy options a reviewer needs to see at the top of a report: the few that decide whether data can be lost and
/// objects dropped (<see cref="Key"/>, always shown), then every other option the profile sets to something other than
/// DacFx's default.
/// </summary>
public static class DeployOptionsSummary
{
    /// <summary>The options shown first, in this order.</summary>
    public static readonly IReadOnlyList<string> Key =
    [
        nameof(DacDeployOptions.BlockOnPossibleDataLoss),
        nameof(DacDeployOptions.DropObjectsNotInSource),
        nameof(DacDeployOptions.AllowTableRecreation),
        nameof(DacDeployOptions.GenerateSmartDefaults),
        nameof(DacDeployOptions.IncludeTransactionalScripts),
        nameof(DacDeployOptions.BackupDatabaseBeforeChanges),
        nameof(DacDeployOptions.CreateNewDatabase),
    ];

    // Options that can hold a credential (AzureStorageKey, AzureSharedAccessSignatureToken, ...) are never printed.
    private static readonly string[] _secretWords = ["Key", "Token", "Password", "Secret"];

    private static readonly PropertyInfo[] _properties = typeof(DacDeployOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => !_secretWords.Any(w => p.Name.Contains(w, StringComparison.Ordinal)))
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && (p.PropertyType.IsPrimitive || p.PropertyType.IsEnum || p.PropertyType == typeof(string) || p.PropertyType == typeof(ObjectType[])))
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ToArray();

    public static DeploymentReport.ProfileDescription Describe(string? profileName, DacDeployOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new DacDeployOptions();
        var key = Key.Select(name => _properties.Single(p => p.Name == name))
            .Select(p => KeyValuePair.Create(p.Name, Format(p.GetValue(options))))
            .ToList();
        var other = _properties
            .Where(p => !Key.Contains(p.Name) && Format(p.GetValue(options)) != Format(p.GetValue(defaults)))
            .Select(p => KeyValuePair.Create(p.Name, Format(p.GetValue(options))))
            .ToList();
        return new DeploymentReport.ProfileDescription(profileName, key, other);
    }

    private static string Format(object? value) => value switch
    {
        null or "" => "(none)",
        Array array => array.Length == 0 ? "(none)" : string.Join(";", array.Cast<object>()),
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
