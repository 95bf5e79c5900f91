using Microsoft.Data.SqlClient;

namespace Foundation.Bench;

/// <summary>
/// The application as the measurement sees it: a user without login in the application role (the role that may execute
/// the session procedure), and one procedure per query in a [Bench] schema owned by dbo. Like the Api procedures, they
/// reach the tables by ownership chaining (the role is denied the tables), and row-level security applies inside them.
/// For the measurement only: the database is dropped afterwards.
/// </summary>
public static class LiveBenchPrincipal
{
    public const string User = "FoundationBenchApplicationUser";

    private static string SessionProcedure => $"[{LiveSchemaRequirements.SessionProcedureSchema}].[{LiveSchemaRequirements.SessionProcedureName}]";

    /// <summary>The role that may execute the session procedure (preferring a name with "App"), excluding public; null if none.</summary>
    public static async Task<string?> ApplicationRoleAsync(SqlConnection dbo, CancellationToken cancellation)
    {
        await using var command = new SqlCommand(
            """
            SELECT TOP (1) pr.[name]
            FROM sys.database_permissions AS dp
            JOIN sys.database_principals AS pr ON pr.[principal_id] = dp.[grantee_principal_id]
            WHERE dp.[major_id] = OBJECT_ID(@Procedure) AND dp.[permission_name] = N'EXECUTE' AND dp.[state] IN ('G', 'W')
              AND pr.[type] = 'R' AND pr.[name] <> N'public'
            ORDER BY CASE WHEN pr.[name] LIKE N'%App%' THEN 0 ELSE 1 END, pr.[name];
            """,
            dbo)
        {
            CommandTimeout = LiveCommandTimeouts.StatementSeconds,
        };
        command.Parameters.AddWithValue("@Procedure", SessionProcedure);
        return await command.ExecuteScalarAsync(cancellation) as string;
    }

    /// <summary>Creates the [Bench] procedures and the user; SHOWPLAN lets the user receive actual plans.</summary>
    public static async Task PrepareAsync(SqlConnection dbo, string role, CancellationToken cancellation)
    {
        await LiveCommand.ExecuteAsync(dbo, $"CREATE SCHEMA [{LiveQuery.Schema}] AUTHORIZATION [dbo];", $"Creating the [{LiveQuery.Schema}] schema",
            LiveCommandTimeouts.StatementSeconds, cancellation);
        foreach (var query in LiveQuery.Common)
        {
            await LiveCommand.ExecuteAsync(dbo, query.CreateProcedure(), $"Creating {query.QualifiedProcedure}", LiveCommandTimeouts.StatementSeconds, cancellation);
        }

        await LiveCommand.ExecuteAsync(
            dbo,
            $"CREATE PROCEDURE [{LiveQuery.Schema}].[usp_CountVisibleUsers] AS BEGIN SET NOCOUNT ON; SELECT COUNT_BIG(*) FROM [Identity].[Users]; END;",
            $"Creating [{LiveQuery.Schema}].[usp_CountVisibleUsers]",
            LiveCommandTimeouts.StatementSeconds,
            cancellation);
        await LiveCommand.ExecuteAsync(
            dbo,
            $"""
            CREATE USER [{User}] WITHOUT LOGIN;
            ALTER ROLE [{role.Replace("]", "]]", StringComparison.Ordinal)}] ADD MEMBER [{User}];
            GRANT SHOWPLAN TO [{User}];
            GRANT EXECUTE ON SCHEMA::[{LiveQuery.Schema}] TO [{User}];
            """,
            $"Creating the user {User} in {role}",
            LiveCommandTimeouts.StatementSeconds,
            cancellation);
    }

    /// <summary>A connection of its own (no pooling: session context must not leak) impersonating the user, with the session of <paramref name="userId"/>.</summary>
    public static async Task<SqlConnection> OpenAsync(string database, int tenantId, long userId, CancellationToken cancellation)
    {
        var connection = new SqlConnection(new SqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellation);
            await LiveCommand.ExecuteAsync(connection, $"EXECUTE AS USER = N'{User}';", $"EXECUTE AS USER = N'{User}'", LiveCommandTimeouts.StatementSeconds, cancellation);
            await using var command = new SqlCommand(SessionProcedure, connection)
            {
                CommandType = System.Data.CommandType.StoredProcedure,
                CommandTimeout = LiveCommandTimeouts.StatementSeconds,
            };
            SqlCommandBuilder.DeriveParameters(command);
            foreach (SqlParameter parameter in command.Parameters)
            {
                if (parameter.Direction == System.Data.ParameterDirection.ReturnValue)
                {
                    continue;
                }

                parameter.Value = parameter.ParameterName.TrimStart('@') switch
                {
                    "TenantId" => tenantId,
                    "UserId" => userId,
                    _ => DBNull.Value,
                };
            }

            try
            {
                await command.ExecuteNonQueryAsync(cancellation);
            }
            catch (SqlException ex)
            {
                throw LiveCommand.Failure($"{SessionProcedure} for user {userId}", LiveCommandTimeouts.StatementSeconds, ex);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
