using Foundation.Deploy.Connections;
using Microsoft.Data.SqlClient;

namespace Foundation.Deploy.Publishing;

/// <summary>Runs <c>Deploy.usp_ValidateData</c> and returns its violations (an empty list means the data is consistent).</summary>
public static class DataValidator
{
    public sealed record Violation(string CheckName, string TableName, string RowKey, string Detail)
    {
        public override string ToString() => $"{CheckName}: {TableName} {RowKey}: {Detail}";
    }

    public static async Task<IReadOnlyList<Violation>> RunAsync(DeploymentTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = await SqlConnector.OpenForReadingAsync(target.DatabaseConnectionString, cancellationToken).ConfigureAwait(false);

        // The checks must see every tenant's rows: under row-level security that takes the deployment session context.
        await using (var context = new SqlCommand(
            "IF OBJECT_ID(N'[Security].[usp_SetDeploymentSessionContext]', N'P') IS NOT NULL EXEC [Security].[usp_SetDeploymentSessionContext];", connection))
        {
            await context.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = new SqlCommand("[Deploy].[usp_ValidateData]", connection) { CommandType = System.Data.CommandType.StoredProcedure, CommandTimeout = 600 };
        var violations = new List<Violation>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                violations.Add(new Violation(
                    reader.GetString(reader.GetOrdinal("CheckName")),
                    reader.GetString(reader.GetOrdinal("TableName")),
                    reader.IsDBNull(reader.GetOrdinal("RowKey")) ? string.Empty : reader.GetString(reader.GetOrdinal("RowKey")),
                    reader.GetString(reader.GetOrdinal("Detail"))));
            }
        }
        catch (SqlException ex) when (ex.Number == 2812)
        {
            throw new DeployToolException(ExitCode.InvalidInput, $"Database [{target.DatabaseName}] has no [Deploy].[usp_ValidateData]: it was not deployed from the Foundation dacpac.", ex);
        }

        return violations;
    }
}
