namespace Foundation.Database.Tests.TSqlt;

/// <summary>
/// The objects a tSQLt call names in its string arguments, as bracketed two-part names ("[Identity].[Users]"):
/// the table of FakeTable and ApplyConstraint (with the deprecated @SchemaName folded in, as tSQLt does), the
/// constraint of ApplyConstraint, and FakeTable's options.
/// </summary>
public static class TestDoubleTarget
{
    /// <summary>The table a FakeTable or ApplyConstraint call names, or null when it is not a literal two-part name.</summary>
    public static string? Table(ProcedureCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var schemaPosition = call.Name.Equals("ApplyConstraint", StringComparison.OrdinalIgnoreCase) ? 2 : 1;
        return Qualified(call.Argument("@TableName", 0), call.Argument("@SchemaName", schemaPosition));
    }

    /// <summary>The unquoted constraint name of an ApplyConstraint call, or null when it is not a literal.</summary>
    public static string? Constraint(ProcedureCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Argument("@ConstraintName", 1) is { } name && MultipartName.Split(name) is { Count: 1 } parts ? parts[0] : null;
    }

    /// <summary>FakeTable's option flag (@Identity, @ComputedColumns, @Defaults) is passed as 1.</summary>
    public static bool Option(ProcedureCall call, string parameter)
    {
        ArgumentNullException.ThrowIfNull(call);
        var position = parameter.ToUpperInvariant() switch
        {
            "@IDENTITY" => 2,
            "@COMPUTEDCOLUMNS" => 3,
            "@DEFAULTS" => 4,
            _ => throw new ArgumentException($"FakeTable has no option {parameter}.", nameof(parameter)),
        };
        return call.Argument(parameter, position) == "1";
    }

    /// <summary>"[schema].[object]" from a name ('Identity.Users', '[Identity].[Users]') and an optional separate schema.</summary>
    public static string? Qualified(string? name, string? schema = null)
    {
        if (name is null)
        {
            return null;
        }

        var parts = MultipartName.Split(schema is null ? name : $"{schema}.{name}");
        return parts is { Count: 2 } ? $"[{parts[0]}].[{parts[1]}]" : null;
    }
}
