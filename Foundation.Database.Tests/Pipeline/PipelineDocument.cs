namespace Foundation.Database.Tests.Pipeline;

/// <summary>Reading pipeline YAML loaded as plain maps, lists and strings (YamlDotNet's untyped form).</summary>
public static class PipelineDocument
{
    /// <summary>The value at a key of a map, or null.</summary>
    public static object? Get(object? node, string key) =>
        node is IDictionary<object, object> map && map.TryGetValue(key, out var value) ? value : null;

    public static IEnumerable<object> Items(object? node) => node as IEnumerable<object> ?? [];

    public static string? Text(object? node) => node as string;

    /// <summary>Every string value at or below <paramref name="node"/>, depth first.</summary>
    public static IEnumerable<string> StringsUnder(object? node) => node switch
    {
        string text => [text],
        IDictionary<object, object> map => map.Values.SelectMany(StringsUnder),
        IEnumerable<object> list => list.SelectMany(StringsUnder),
        _ => [],
    };
}
