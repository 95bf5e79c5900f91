namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// Checks a call to a tSQLt procedure against <see cref="TSqltApi"/>: the procedure is public, every named parameter
/// exists, positional arguments are not too many, no parameter is given twice, every required parameter is given, and no
/// deprecated parameter is used. The model cannot do this: tSQLt is installed at run time, so DacFx
/// reports every tSQLt reference as unresolved and the validator has to drop those messages.
/// </summary>
public static class FrameworkCallChecker
{
    public const string FrameworkSchema = "tSQLt";

    public static bool IsFrameworkCall(ProcedureCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return string.Equals(call.Schema, FrameworkSchema, StringComparison.OrdinalIgnoreCase);
    }

    public static IEnumerable<string> Check(ProcedureCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!IsFrameworkCall(call))
        {
            yield break;
        }

        var procedure = TSqltApi.Find(call.Name);
        if (procedure is null)
        {
            yield return call.Name.StartsWith("Private", StringComparison.OrdinalIgnoreCase)
                ? Describe(call, $"tSQLt.{call.Name} is internal to tSQLt, not part of its public API ({TSqltApi.Release}); use a public procedure")
                : Describe(call, $"{TSqltApi.Release} has no public procedure tSQLt.{call.Name}{Suggest(call.Name, TSqltApi.Procedures.Select(p => p.Name))}");
            yield break;
        }

        // A positional argument after a named one does not parse (SQL46089), so positional arguments come first here.
        var given = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var name = call.Arguments[i].Parameter;
            if (name is null)
            {
                if (i >= procedure.Parameters.Count)
                {
                    yield return Describe(call, $"tSQLt.{procedure.Name} takes {procedure.Parameters.Count} parameter(s), {call.Arguments.Count} were passed");
                    continue;
                }

                name = procedure.Parameters[i].Name;
            }
            else
            {
                if (procedure.Find(name) is null)
                {
                    yield return Describe(call, $"tSQLt.{procedure.Name} has no parameter {name}{Suggest(name, procedure.Parameters.Select(p => p.Name))}; it takes {Signature(procedure)}");
                    continue;
                }
            }

            if (!given.TryAdd(name, i))
            {
                yield return Describe(call, $"{procedure.Find(name)!.Name} is passed twice");
            }
        }

        foreach (var parameter in procedure.Parameters)
        {
            if (parameter.Required && !given.ContainsKey(parameter.Name))
            {
                yield return Describe(call, $"the required parameter {parameter.Name} is missing; tSQLt.{procedure.Name} takes {Signature(procedure)}");
            }

            if (parameter.Deprecated && given.ContainsKey(parameter.Name))
            {
                yield return Describe(call, $"{parameter.Name} is deprecated in tSQLt (\"do not use, will be removed\"); pass a schema-qualified name instead");
            }
        }
    }

    /// <summary>"@TableName, [@Identity], ..." with optional parameters in brackets.</summary>
    public static string Signature(TSqltProcedure procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return procedure.Parameters.Count == 0
            ? "no parameters"
            : string.Join(", ", procedure.Parameters.Where(p => !p.Deprecated).Select(p => p.Required ? p.Name : $"[{p.Name}]"));
    }

    private static string Describe(ProcedureCall call, string problem) => $"{call.File}({call.Line}): tSQLt.{call.Name}: {problem}.";

    /// <summary>" (did you mean X?)" for the closest name within three edits, else nothing.</summary>
    private static string Suggest(string name, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(candidate => (candidate, distance: Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant())))
            .OrderBy(pair => pair.distance)
            .FirstOrDefault();
        return best.candidate is not null && best.distance <= 3 ? $" (did you mean {best.candidate}?)" : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
