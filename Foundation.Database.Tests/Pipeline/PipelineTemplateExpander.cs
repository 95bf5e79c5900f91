using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Foundation.Database.Tests.Pipeline;

/// <summary>
/// Expands a pipeline's templates the way Azure Pipelines does before a run, so that the checks read the stages, jobs and
/// steps that will run: each <c>- template: path</c> item of a list is replaced by the items of that template (the path
/// is relative to the including file), <c>${{ parameters.name }}</c> by the value given or the template's default (a
/// whole-value expression keeps the value's shape: a map stays a map), and a <c>${{ if eq(parameters.x, y) }}</c> item or
/// key by its content when the condition holds. A condition it cannot evaluate keeps the content: the checks then see
/// more steps, never fewer. An unknown parameter, or a missing one without a default, is an error naming the template.
/// </summary>
public static partial class PipelineTemplateExpander
{
    private static readonly IReadOnlyDictionary<string, object?> _none = new Dictionary<string, object?>();

    /// <summary>The pipeline file with every template expanded.</summary>
    public static IDictionary<object, object> ExpandPipeline(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = Load(path) as IDictionary<object, object>
            ?? throw new InvalidDataException($"{path} is not a YAML mapping.");
        return (IDictionary<object, object>)Expand(root, _none, path)!;
    }

    public static object? Load(string path) => new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path));

    private static object? Expand(object? node, IReadOnlyDictionary<string, object?> parameters, string file) => node switch
    {
        string text => Substitute(text, parameters, file),
        IDictionary<object, object> map => ExpandMap(map, parameters, file),
        IList<object> list => ExpandList(list, parameters, file),
        _ => node,
    };

    private static Dictionary<object, object> ExpandMap(IDictionary<object, object> map, IReadOnlyDictionary<string, object?> parameters, string file)
    {
        var result = new Dictionary<object, object>();
        foreach (var (key, value) in map)
        {
            if (key is string text && Conditional().IsMatch(text))
            {
                if (Holds(text, parameters) && Expand(value, parameters, file) is IDictionary<object, object> inner)
                {
                    foreach (var (innerKey, innerValue) in inner)
                    {
                        result[innerKey] = innerValue;
                    }
                }

                continue;
            }

            var expanded = Expand(value, parameters, file);
            if (expanded is not null)
            {
                result[key] = expanded;
            }
        }

        return result;
    }

    private static List<object> ExpandList(IList<object> list, IReadOnlyDictionary<string, object?> parameters, string file)
    {
        var result = new List<object>();
        foreach (var item in list)
        {
            if (item is IDictionary<object, object> { Count: 1 } single && single.Keys.Single() is string key && Conditional().IsMatch(key))
            {
                if (Holds(key, parameters) && Expand(single[key], parameters, file) is IList<object> items)
                {
                    result.AddRange(items);
                }
            }
            else if (item is IDictionary<object, object> reference && reference.TryGetValue("template", out var template) && template is string templatePath)
            {
                var given = reference.TryGetValue("parameters", out var values) ? Expand(values, parameters, file) as IDictionary<object, object> : null;
                var included = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Substitute(templatePath, parameters, file) as string ?? templatePath));
                result.AddRange(ExpandTemplate(included, given ?? new Dictionary<object, object>()));
            }
            else if (Expand(item, parameters, file) is { } expanded)
            {
                result.Add(expanded);
            }
        }

        return result;
    }

    private static IList<object> ExpandTemplate(string file, IDictionary<object, object> given)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"The pipeline includes the template {file}, which does not exist.", file);
        }

        var template = Load(file) as IDictionary<object, object> ?? throw new InvalidDataException($"{file} is not a YAML mapping.");
        var parameters = Parameters(template, given, file);
        var body = template.Keys.OfType<string>().SingleOrDefault(k => k is "stages" or "jobs" or "steps")
            ?? throw new InvalidDataException($"{file} has no stages, jobs or steps.");
        return (IList<object>)Expand(template[body], parameters, file)!;
    }

    private static Dictionary<string, object?> Parameters(IDictionary<object, object> template, IDictionary<object, object> given, string file)
    {
        var declared = PipelineDocument.Items(PipelineDocument.Get(template, "parameters")).OfType<IDictionary<object, object>>()
            .ToDictionary(p => PipelineDocument.Text(PipelineDocument.Get(p, "name"))!, StringComparer.Ordinal);
        foreach (var name in given.Keys.OfType<string>().Where(name => !declared.ContainsKey(name)))
        {
            throw new InvalidDataException($"{file} declares no parameter '{name}'.");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, declaration) in declared)
        {
            if (given.TryGetValue(name, out var value))
            {
                values[name] = value;
            }
            else if (declaration.TryGetValue("default", out var fallback))
            {
                values[name] = fallback;
            }
            else
            {
                throw new InvalidDataException($"{file} needs the parameter '{name}', and it was not given.");
            }
        }

        return values;
    }

    private static object? Substitute(string text, IReadOnlyDictionary<string, object?> parameters, string file)
    {
        var whole = ParameterExpression().Match(text.Trim());
        if (whole.Success && whole.Length == text.Trim().Length && Value(whole, parameters, file) is not string)
        {
            return Value(whole, parameters, file);
        }

        return ParameterExpression().Replace(text, match => Value(match, parameters, file) switch
        {
            null => string.Empty,
            string value => value,
            var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        });
    }

    private static object? Value(Match expression, IReadOnlyDictionary<string, object?> parameters, string file)
    {
        var name = expression.Groups["name"].Value;
        return parameters.TryGetValue(name, out var value) ? value : throw new InvalidDataException($"{file} uses the parameter '{name}', which it does not declare.");
    }

    private static bool Holds(string condition, IReadOnlyDictionary<string, object?> parameters)
    {
        var equality = ParameterEquality().Match(condition);
        if (!equality.Success || !parameters.TryGetValue(equality.Groups["name"].Value, out var value))
        {
            return true;
        }

        return string.Equals(Convert.ToString(value, CultureInfo.InvariantCulture), equality.Groups["value"].Value, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"\$\{\{\s*parameters\.(?<name>\w+)\s*\}\}")]
    private static partial Regex ParameterExpression();

    [GeneratedRegex(@"^\$\{\{\s*(if|elseif|else)\b")]
    private static partial Regex Conditional();

    [GeneratedRegex(@"^\$\{\{\s*if\s+eq\(\s*parameters\.(?<name>\w+)\s*,\s*'?(?<value>[^')]*?)'?\s*\)\s*\}\}$")]
    private static partial Regex ParameterEquality();
}
