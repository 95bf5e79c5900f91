namespace Foundation.Deploy.Migrations;

/// <summary>
/// The whole set of migrations as a dependency graph, validated before anything runs: duplicate ids, unknown
/// <c>requires</c>, cycles, and (against the lock file) changed or deleted migrations that were already released.
/// <see cref="Order"/> is the deterministic topological order: a migration runs after everything it requires, and
/// among migrations that are free to run, the one with the smaller id (ordinal) runs first.
/// </summary>
public sealed class MigrationGraph
{
    private MigrationGraph(IReadOnlyList<Migration> order, IReadOnlyList<MigrationError> errors)
    {
        Order = order;
        Errors = errors;
    }

    /// <summary>The run order (empty when the graph has errors).</summary>
    public IReadOnlyList<Migration> Order { get; }

    public IReadOnlyList<MigrationError> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>Loads the folder, validates the graph and checks the lock file (if it exists) in one call.</summary>
    public static MigrationGraph Load(string directory, string? lockFilePath = null)
    {
        var errors = new List<MigrationError>();
        var migrations = MigrationCatalog.Load(directory, errors);
        var lockFile = lockFilePath is not null && File.Exists(lockFilePath) ? MigrationLockFile.Read(lockFilePath, errors) : null;
        return Build(migrations, lockFile, errors);
    }

    public static MigrationGraph Build(IReadOnlyList<Migration> migrations, MigrationLockFile? lockFile = null, IEnumerable<MigrationError>? earlierErrors = null)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var errors = new List<MigrationError>(earlierErrors ?? []);

        var byId = new Dictionary<string, Migration>(StringComparer.Ordinal);
        foreach (var migration in migrations)
        {
            if (byId.TryGetValue(migration.Id, out var first))
            {
                errors.Add(new MigrationError("FDM010", migration.UpPath, 1, $"Duplicate migration id '{migration.Id}' (also in '{first.UpPath}')."));
            }
            else
            {
                byId.Add(migration.Id, migration);
            }
        }

        foreach (var migration in byId.Values)
        {
            foreach (var required in migration.Requires)
            {
                if (string.Equals(required, migration.Id, StringComparison.Ordinal))
                {
                    errors.Add(new MigrationError("FDM012", migration.UpPath, 1, $"Migration '{migration.Id}' requires itself."));
                }
                else if (!byId.ContainsKey(required))
                {
                    errors.Add(new MigrationError("FDM011", migration.UpPath, 1, $"Migration '{migration.Id}' requires '{required}', which is not a known migration."));
                }
            }
        }

        if (lockFile is not null)
        {
            foreach (var locked in lockFile.Entries)
            {
                if (!byId.TryGetValue(locked.Id, out var migration))
                {
                    errors.Add(new MigrationError("FDM020", lockFile.Path, 0, $"Migration '{locked.Id}' was released in {locked.Release} but its files are gone: released migrations stay (add a new migration to undo one)."));
                }
                else if (!string.Equals(migration.Checksum, locked.Checksum, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(new MigrationError("FDM021", migration.UpPath, 1, $"Migration '{locked.Id}' was released in {locked.Release} and has changed since (checksum {migration.Checksum}, released {locked.Checksum}): restore it and add a new migration instead."));
                }
            }
        }

        if (errors.Count > 0)
        {
            return new MigrationGraph([], errors);
        }

        var irreversible = (lockFile?.Entries ?? []).Where(e => !string.IsNullOrWhiteSpace(e.Irreversible))
            .ToDictionary(e => e.Id, e => e.Irreversible!, StringComparer.Ordinal);
        var order = TopologicalOrder(byId, errors)
            .Select(m => irreversible.TryGetValue(m.Id, out var reason) ? m with { Irreversible = reason } : m)
            .ToList();
        return new MigrationGraph(errors.Count > 0 ? [] : order, errors);
    }

    private static List<Migration> TopologicalOrder(Dictionary<string, Migration> byId, List<MigrationError> errors)
    {
        var remaining = byId.Values.ToDictionary(m => m.Id, m => m.Requires.Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var dependents = byId.Values
            .SelectMany(m => m.Requires.Distinct(StringComparer.Ordinal).Select(r => (Required: r, Dependent: m.Id)))
            .ToLookup(p => p.Required, p => p.Dependent, StringComparer.Ordinal);
        var ready = new SortedSet<string>(remaining.Where(p => p.Value == 0).Select(p => p.Key), StringComparer.Ordinal);
        var order = new List<Migration>(byId.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(byId[next]);
            foreach (var dependent in dependents[next])
            {
                if (--remaining[dependent] == 0)
                {
                    ready.Add(dependent);
                }
            }
        }

        if (order.Count < byId.Count)
        {
            var cycle = FindCycle(byId, remaining.Where(p => p.Value > 0).Select(p => p.Key).ToHashSet(StringComparer.Ordinal));
            var first = byId[cycle[0]];
            errors.Add(new MigrationError("FDM012", first.UpPath, 1, $"The migrations form a dependency cycle: {string.Join(" -> ", cycle)}."));
        }

        return order;
    }

    private static List<string> FindCycle(Dictionary<string, Migration> byId, HashSet<string> stuck)
    {
        // Every stuck node requires at least one stuck node, so walking "requires" inside the stuck set must revisit one.
        var path = new List<string>();
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        var current = stuck.Order(StringComparer.Ordinal).First();
        while (!position.ContainsKey(current))
        {
            position[current] = path.Count;
            path.Add(current);
            current = byId[current].Requires.Where(stuck.Contains).Order(StringComparer.Ordinal).First();
        }

        var cycle = path.Skip(position[current]).ToList();
        cycle.Add(current);
        return cycle;
    }
}
