using System.Reflection;

namespace Foundation.Deploy;

/// <summary>Identity of this tool as recorded in Deploy.SchemaHistory.</summary>
public static class ToolInfo
{
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>The value written to Deploy.SchemaHistory.ToolVersion.</summary>
    public static string Description => $"Foundation.Deploy {Version}";
}
