using System.Data;
using Microsoft.Data.SqlClient;

namespace Foundation.Bench;

/// <summary>
/// Loads generated rows into a table with SqlBulkCopy in batches (bounded memory), keeping the explicit identity values
/// and checking constraints (so CHECKs and FKs stay trusted, as the optimizer needs them). Before loading it compares
/// the columns it fills with the table's: a NOT NULL column with no default that it does not fill is a clear error.
/// Each batch is bounded by <see cref="LiveCommandTimeouts.BulkBatchSeconds"/>.
/// </summary>
public sealed class BulkVolumeLoader(SqlConnection connection)
{
    public const int BatchRows = 50_000;

    public async Task LoadAsync(string table, long rows, IReadOnlyList<BulkColumn> columns, CancellationToken cancellation)
    {
        await EnsureEveryRequiredColumnIsFilledAsync(table, columns, cancellation);
        using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.CheckConstraints | SqlBulkCopyOptions.TableLock, null)
        {
            DestinationTableName = table,
            BatchSize = BatchRows,
            BulkCopyTimeout = LiveCommandTimeouts.BulkBatchSeconds,
        };
        foreach (var column in columns)
        {
            bulk.ColumnMappings.Add(column.Name, column.Name);
        }

        for (long first = 1; first <= rows; first += BatchRows)
        {
            using var batch = new DataTable();
            foreach (var column in columns)
            {
                batch.Columns.Add(column.Name, column.Type);
            }

            var last = Math.Min(rows, first + BatchRows - 1);
            for (var n = first; n <= last; n++)
            {
                var values = new object[columns.Count];
                for (var c = 0; c < columns.Count; c++)
                {
                    values[c] = columns[c].Value(n) ?? DBNull.Value;
                }

                batch.Rows.Add(values);
            }

            try
            {
                await bulk.WriteToServerAsync(batch, cancellation);
            }
            catch (SqlException ex) when (ex.Number == LiveCommand.TimeoutErrorNumber)
            {
                throw LiveCommand.Failure($"Loading {table}, rows {first}–{last}", LiveCommandTimeouts.BulkBatchSeconds, ex);
            }
            catch (SqlException ex)
            {
                throw new BenchException(
                    $"Loading {table} failed at rows {first}–{last}: {ex.Message} (the generated values in LiveQueryCostBenchmark must satisfy the table's CHECK constraints).", ex);
            }
            catch (InvalidOperationException ex)
            {
                // SqlBulkCopy's own refusals: a column mapping that names no column, a value that does not fit the column.
                throw new BenchException($"Loading {table} failed at rows {first}–{last}: {ex.Message}", ex);
            }
        }
    }

    private async Task EnsureEveryRequiredColumnIsFilledAsync(string table, IReadOnlyList<BulkColumn> columns, CancellationToken cancellation)
    {
        await using var command = new SqlCommand(
            """
            SELECT c.[name]
            FROM sys.columns AS c
            JOIN sys.types AS t ON t.[user_type_id] = c.[user_type_id]
            WHERE c.[object_id] = OBJECT_ID(@Table)
              AND c.[is_nullable] = 0 AND c.[is_computed] = 0 AND c.[is_identity] = 0
              AND c.[generated_always_type] = 0 AND c.[default_object_id] = 0
              AND t.[name] NOT IN (N'timestamp', N'rowversion');
            """,
            connection)
        {
            CommandTimeout = LiveCommandTimeouts.StatementSeconds,
        };
        command.Parameters.AddWithValue("@Table", table);
        var filled = columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var name = reader.GetString(0);
                if (!filled.Contains(name))
                {
                    missing.Add(name);
                }
            }
        }

        if (missing.Count > 0)
        {
            throw new BenchException($"The live volume generator does not fill {table}: {string.Join(", ", missing)} (NOT NULL, no default). Teach LiveQueryCostBenchmark these columns.");
        }
    }
}
