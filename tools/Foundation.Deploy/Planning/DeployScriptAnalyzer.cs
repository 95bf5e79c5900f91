using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Foundation.Deploy.Planning;

/// <summary>
/// Reads a DacFx deployment script with ScriptDom and records, per table, the kind of each ALTER TABLE, and per index
/// whether it is built ONLINE. SQLCMD lines are neutralised first (ScriptDom parses T-SQL, not SQLCMD).
/// </summary>
public static partial class DeployScriptAnalyzer
{
    public static DeployScriptFacts Analyze(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var facts = new DeployScriptFacts();
        var lines = script.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(line => line.TrimStart().StartsWith(':') ? "-- " + line : line);
        var text = SqlCmdVariable().Replace(string.Join('\n', lines), "sqlcmd_${name}");

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(text);
        var fragment = parser.Parse(reader, out var errors);
        foreach (var error in errors)
        {
            facts.ParseErrors.Add($"line {error.Line}: {error.Message}");
        }

        fragment?.Accept(new Visitor(facts));
        return facts;
    }

    /// <summary>Formats a ScriptDom name as DacFx does: <c>[Schema].[Name]</c>.</summary>
    public static string Name(SchemaObjectName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var schema = name.SchemaIdentifier?.Value ?? "dbo";
        return $"[{schema}].[{name.BaseIdentifier.Value}]";
    }

    [GeneratedRegex(@"\$\((?<name>\w+)\)")]
    private static partial Regex SqlCmdVariable();

    private static void AddPolicy(DeployScriptFacts facts, SecurityPolicyStatement node)
    {
        foreach (var action in node.SecurityPredicateActions)
        {
            facts.AddPolicyTable(Name(node.Name), Name(action.TargetObjectName));
        }
    }

    private sealed class Visitor(DeployScriptFacts facts) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node)
        {
            var table = Name(node.SchemaObjectName);
            // DacFx's rebuild creates [tmp_ms_xx_<name>]: that is the rebuild, not a new table.
            if (!node.SchemaObjectName.BaseIdentifier.Value.StartsWith("tmp_ms_xx_", StringComparison.OrdinalIgnoreCase))
            {
                facts.ForTable(table).Created = true;
            }
        }

        public override void Visit(AlterTableAlterColumnStatement node) =>
            facts.ForTable(Name(node.SchemaObjectName)).AlteredColumns.Add(node.ColumnIdentifier.Value);

        public override void Visit(AlterTableAddTableElementStatement node)
        {
            var table = facts.ForTable(Name(node.SchemaObjectName));
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                var notNull = column.Constraints.OfType<NullableConstraintDefinition>().Any(c => !c.Nullable);
                (notNull ? table.AddedNotNullColumns : table.AddedNullableColumns).Add(column.ColumnIdentifier.Value);

                // DacFx's smart defaults add the DEFAULT as a table-level constraint of the same ALTER TABLE ... ADD.
                var hasDefault = column.DefaultConstraint is not null || node.Definition.TableConstraints.OfType<DefaultConstraintDefinition>()
                    .Any(d => string.Equals(d.Column?.Value, column.ColumnIdentifier.Value, StringComparison.OrdinalIgnoreCase));
                if (notNull && !hasDefault)
                {
                    table.AddedNotNullColumnsWithoutDefault.Add(column.ColumnIdentifier.Value);
                }
            }

            // WITH NOCHECK skips validation of existing rows; anything else validates every row.
            if (node.ExistingRowsCheckEnforcement != ConstraintEnforcement.NoCheck)
            {
                foreach (var constraint in node.Definition.TableConstraints.Where(c => c is CheckConstraintDefinition or ForeignKeyConstraintDefinition))
                {
                    table.CheckedConstraints.Add(constraint.ConstraintIdentifier?.Value ?? "(unnamed)");
                }
            }
        }

        public override void Visit(AlterTableConstraintModificationStatement node)
        {
            if (node.ExistingRowsCheckEnforcement == ConstraintEnforcement.Check && node.ConstraintEnforcement == ConstraintEnforcement.Check)
            {
                var table = facts.ForTable(Name(node.SchemaObjectName));
                foreach (var name in node.ConstraintNames)
                {
                    table.CheckedConstraints.Add(name.Value);
                }
            }
        }

        public override void Visit(AlterTableDropTableElementStatement node)
        {
            var table = facts.ForTable(Name(node.SchemaObjectName));
            foreach (var element in node.AlterTableDropTableElements.Where(e => e.TableElementType == TableElementType.Column))
            {
                table.DroppedColumns.Add(element.Name.Value);
            }
        }

        public override void Visit(CreateSecurityPolicyStatement node) => AddPolicy(facts, node);

        public override void Visit(AlterSecurityPolicyStatement node) => AddPolicy(facts, node);

        public override void Visit(CreateIndexStatement node)
        {
            var online = node.IndexOptions.OfType<OnlineIndexOption>().Any(o => o.OptionState == OptionState.On);
            facts.SetIndexOnline($"{Name(node.OnName)}.[{node.Name.Value}]", online);
        }
    }
}
