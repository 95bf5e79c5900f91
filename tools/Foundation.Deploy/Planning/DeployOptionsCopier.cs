using System.Reflection;
using Microsoft.SqlServer.Dac;

namespace Foundation.Deploy.Planning;

/// <summary>Copies <see cref="DacDeployOptions"/> (every settable public property), so a planner never mutates a profile's options.</summary>
public static class DeployOptionsCopier
{
    private static readonly PropertyInfo[] _properties = typeof(DacDeployOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
        .ToArray();

    public static DacDeployOptions Copy(DacDeployOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new DacDeployOptions();
        foreach (var property in _properties)
        {
            var value = property.GetValue(source);
            property.SetValue(copy, value is Array array ? array.Clone() : value);
        }

        foreach (var (name, value) in source.SqlCommandVariableValues)
        {
            copy.SqlCommandVariableValues[name] = value;
        }

        return copy;
    }
}
