using System.Globalization;
using Microsoft.Data.SqlClient;

namespace Foundation.Bench;

/// <summary>
/// Every statement of the live query-cost check, with a bounded command timeout and a clear error: a timeout names
/// what was running and the bound (SqlClient reports it as error -2 without the value); a NULL where a value is needed
/// names the query instead of ending in an InvalidCastException.
/// </summary>
public static class LiveCommand
{
    /// <summary>SqlClient's error number for a command timeout.</summary>
    public const int TimeoutErrorNumber = -2;

    public static async Task ExecuteAsync(SqlConnection connection, string sql, string what, int timeoutSeconds, CancellationToken cancellation)
    {
        await using var command = new SqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        try
        {
            await command.ExecuteNonQueryAsync(cancellation);
        }
        catch (SqlException ex)
        {
            throw Failure(what, timeoutSeconds, ex);
        }
    }

    public static async Task<T> ScalarAsync<T>(SqlConnection connection, string sql, string what, CancellationToken cancellation)
    {
        await using var command = new SqlCommand(sql, connection) { CommandTimeout = LiveCommandTimeouts.StatementSeconds };
        object? value;
        try
        {
            value = await command.ExecuteScalarAsync(cancellation);
        }
        catch (SqlException ex)
        {
            throw Failure(what, LiveCommandTimeouts.StatementSeconds, ex);
        }

        return Convert<T>(value, what);
    }

    /// <summary>The value as <typeparamref name="T"/>; NULL, no row or an unconvertible value is a <see cref="BenchException"/> naming <paramref name="what"/>.</summary>
    public static T Convert<T>(object? value, string what)
    {
        if (value is null or DBNull)
        {
            throw new BenchException($"{what} returned no value (NULL or no row): the rows it reads are missing or hidden from this session.");
        }

        try
        {
            return (T)System.Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            throw new BenchException($"{what} returned {value} ({value.GetType().Name}), not a {typeof(T).Name}.", ex);
        }
    }

    /// <summary>A failed statement as a clear error: the bound when it timed out, else the server's message.</summary>
    public static BenchException Failure(string what, int timeoutSeconds, SqlException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return Failure(what, timeoutSeconds, ex.Number, ex.Message, ex);
    }

    public static BenchException Failure(string what, int timeoutSeconds, int errorNumber, string message, Exception? inner)
    {
        var text = errorNumber == TimeoutErrorNumber
            ? $"{what} did not finish within {timeoutSeconds} s (its command timeout, LiveCommandTimeouts); the server is blocked or overloaded. {message}"
            : $"{what} failed: SQL error {errorNumber}: {message}";
        return inner is null ? new BenchException(text) : new BenchException(text, inner);
    }
}
