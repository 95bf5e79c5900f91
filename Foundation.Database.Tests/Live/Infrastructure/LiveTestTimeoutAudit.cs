using System.Reflection;
using Xunit.v3;

namespace Foundation.Database.Tests.Live.Infrastructure;

/// <summary>
/// Finds the live tests by what they depend on (a test class whose constructor takes <see cref="SqlServerInstance"/>, or
/// a fixture that does, at any depth) and lists each one that lacks a usable per-test timeout: xunit v3 applies
/// <c>Timeout</c> only to async tests, and a live test may wait at most <see cref="LiveTimeouts.TestMilliseconds"/>.
/// </summary>
public static class LiveTestTimeoutAudit
{
    /// <summary>Every test method (<c>[Fact]</c>, <c>[Theory]</c>) of a live test class among <paramref name="types"/>.</summary>
    public static IReadOnlyList<MethodInfo> LiveTests(IEnumerable<Type> types) =>
        types.Where(IsLiveTestClass)
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttributes().OfType<IFactAttribute>().Any())
            .ToList();

    /// <summary>"Class.Method: why" for every live test without an acceptable timeout; empty when all have one.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<Type> types) =>
        LiveTests(types).Select(Problem).OfType<string>().ToList();

    public static bool IsLiveTestClass(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        // Non-public constructors too: an abstract class's constructor is protected.
        return type.IsClass && type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Any(c => c.GetParameters().Any(p => DependsOnTheServer(p.ParameterType, depth: 0)));
    }

    private static string? Problem(MethodInfo method)
    {
        var name = $"{method.DeclaringType!.Name}.{method.Name}";
        var timeout = method.GetCustomAttributes().OfType<IFactAttribute>().First().Timeout;
        if (timeout <= 0)
        {
            return $"{name}: no Timeout (use [Fact(Timeout = LiveTimeouts.TestMilliseconds)] or [Theory(Timeout = ...)])";
        }

        if (timeout > LiveTimeouts.TestMilliseconds)
        {
            return $"{name}: Timeout {timeout} ms is longer than LiveTimeouts.TestMilliseconds ({LiveTimeouts.TestMilliseconds} ms)";
        }

        return method.ReturnType == typeof(Task) || method.ReturnType == typeof(ValueTask)
            ? null
            : $"{name}: returns {method.ReturnType.Name}; xunit v3 enforces Timeout only on async tests (Task or ValueTask)";
    }

    private static bool DependsOnTheServer(Type type, int depth) =>
        type == typeof(SqlServerInstance)
        || (depth < 3 && type.IsClass && type != typeof(string)
            && type.GetConstructors().Any(c => c.GetParameters().Any(p => DependsOnTheServer(p.ParameterType, depth + 1))));
}
