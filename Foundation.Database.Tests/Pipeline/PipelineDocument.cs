using YamlDotNet.Serialization;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>A pipeline YAML file loaded as plain maps, lists and strings, with helpers to walk it.</summary>
public sealed class PipelineDocument
{
    private PipelineDocument(string path, object? root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    public object? Root { get; }

    public static PipelineDocument Load(string path) =>
        new(path, new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path)));

    /// <summary>The value at a key of a map, or null.</summary>
    public static object? Get(object? node, string key) =>
        node is IDictionary<object, object> map && map.TryGetValue(key, out var value) ? value : null;

    public static IEnumerable<object> Items(object? node) => node as IEnumerable<object> ?? [];

    public static string? Text(object? node) => node as string;

    /// <summary>Every map in the document, depth first.</summary>
    public IEnumerable<IDictionary<object, object>> Maps() => MapsUnder(Root);

    /// <summary>Every string value in the document, depth first.</summary>
    public IEnumerable<string> Strings() => StringsUnder(Root);

    /// <summary>Every map at or below <paramref name="node"/>, depth first.</summary>
    public static IEnumerable<IDictionary<object, object>> MapsUnder(object? node)
    {
        if (node is IDictionary<object, object> map)
        {
            yield return map;
            foreach (var child in map.Values.SelectMany(MapsUnder))
            {
                yield return child;
            }
        }
        else if (node is IEnumerable<object> list)
        {
            foreach (var child in list.SelectMany(MapsUnder))
            {
                yield return child;
            }
        }
    }

    private static IEnumerable<string> StringsUnder(object? node) => node switch
    {
        string text => [text],
        IDictionary<object, object> map => map.Values.SelectMany(StringsUnder),
        IEnumerable<object> list => list.SelectMany(StringsUnder),
        _ => [],
    };
}
